import torch

X = torch.tensor([[0.5, 1.0], [1.5, 2.0], [3.0, 0.5], [2.0, 3.0], [0.2, 0.1], [3.5, 3.0]])
y = torch.tensor([0.0, 0.0, 1.0, 1.0, 0.0, 1.0])
w = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w, b], lr=0.5)
for epoch in range(100):
    z = X @ w + b
    p = torch.sigmoid(z)
    loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 25 == 0:
        print(f"{epoch:3d} {loss.item():.5f}")
print(w.data, b.data)
print(((X @ w + b) > 0).long())
