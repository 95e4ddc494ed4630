import torch
import torch.nn as nn

X = torch.linspace(-1, 1, 20).reshape(-1, 1)
Y = 3 * X ** 2 - 1
model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1))
with torch.no_grad():
    model[0].weight.copy_(torch.linspace(-2, 2, 8).reshape(8, 1))
    model[0].bias.copy_(torch.linspace(-0.5, 0.5, 8))
    model[2].weight.copy_(torch.linspace(-1, 1, 8).reshape(1, 8))
    model[2].bias.zero_()
opt = torch.optim.Adam(model.parameters(), lr=0.05)
loss_fn = nn.MSELoss()
batch_size = 5
for epoch in range(30):
    total = 0.0
    for i in range(0, len(X), batch_size):
        xb, yb = X[i:i + batch_size], Y[i:i + batch_size]
        loss = loss_fn(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
    if epoch % 10 == 9:
        print(f"epoch {epoch + 1}: avg loss {total / len(X):.4f}")
with torch.no_grad():
    print(model(torch.tensor([[0.0], [0.5]])).squeeze().round(decimals=2))
