# Lab 3: XOR with a 2-layer MLP, print the model and its parameters
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
Y = torch.tensor([[0.], [1.], [1.], [0.]])

model = nn.Sequential(
    nn.Linear(2, 4),
    nn.Tanh(),
    nn.Linear(4, 1),
    nn.Sigmoid(),
)
print(model)
for name, p in model.named_parameters():
    print(name, tuple(p.shape), p.requires_grad)
print("total params:", sum(p.numel() for p in model.parameters()))
print("trainable:", sum(p.numel() for p in model.parameters() if p.requires_grad))

loss_fn = nn.BCELoss()
opt = torch.optim.SGD(model.parameters(), lr=0.5)
print(loss_fn, opt, sep="\n")
for epoch in range(1, 1001):
    opt.zero_grad()
    out = model(X)
    loss = loss_fn(out, Y)
    loss.backward()
    opt.step()
    if epoch % 200 == 0:
        print(f"Epoch {epoch:4d} | loss {loss.item():.6f}")

with torch.no_grad():
    pred = model(X)
print(pred)
print((pred > 0.5).float().squeeze())
print("accuracy:", ((pred > 0.5).float() == Y).float().mean().item())
print(model[0].weight)
print(model[2].bias)
