# Lab 5: fit a small network to noisy data (seeded, so everyone gets the same numbers)
import torch
import torch.nn as nn

torch.manual_seed(42)

X = torch.randn(64, 3)
true_w = torch.tensor([[1.5], [-2.0], [0.7]])
y = X @ true_w + 0.3 + 0.1 * torch.randn(64, 1)

model = nn.Sequential(nn.Linear(3, 16), nn.Tanh(), nn.Dropout(0.1), nn.Linear(16, 1))
print(model)
print("first weights:", model[0].weight[:2])
print("bias of the last layer:", model[3].bias)

opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
loss_fn = nn.MSELoss()
for epoch in range(30):
    opt.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    opt.step()
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d}  loss {loss.item():.4f}")

model.eval()
with torch.no_grad():
    print("eval loss:", round(loss_fn(model(X), y).item(), 3))
print("a random permutation:", torch.randperm(8))
print("some integers:", torch.randint(0, 100, (5,)))
w = torch.empty(2, 3)
nn.init.xavier_uniform_(w)
print(w)
