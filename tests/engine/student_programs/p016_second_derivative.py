import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 4 + torch.sin(x)
(dy,) = torch.autograd.grad(y, x, create_graph=True)
print("dy/dx:", dy)
(d2y,) = torch.autograd.grad(dy, x)
print("d2y/dx2:", d2y)
print(f"{dy.item():.4f} {d2y.item():.4f}")
# third derivative
x = torch.tensor(1.0, requires_grad=True)
y = x ** 5
g1 = torch.autograd.grad(y, x, create_graph=True)[0]
g2 = torch.autograd.grad(g1, x, create_graph=True)[0]
g3 = torch.autograd.grad(g2, x)[0]
print(g1, g2, g3)
