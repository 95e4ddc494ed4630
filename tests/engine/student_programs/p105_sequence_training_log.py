import torch
import torch.nn as nn

torch.manual_seed(42)
model = nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 1))
X = torch.randn(16, 3)
y = torch.randn(16, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()
first = None
for epoch in range(20):
    opt.zero_grad()
    loss = loss_fn(model(X), y)
    if first is None:
        first = loss.item()
    loss.backward()
    opt.step()
print("loss decreased:", loss.item() < first)
print(model(X).shape, loss.shape, loss.dim())
print(type(loss.item()).__name__)
print(loss.requires_grad, loss.grad_fn is not None)
