import torch

x = torch.tensor(2.0, requires_grad=True)
c = torch.tensor(3.0)
y = x ** 2 * c
gx, = torch.autograd.grad(y, x, retain_graph=True)
print(gx)
gs = torch.autograd.grad(y, [x], allow_unused=True)
print(gs, type(gs).__name__)
g2 = torch.autograd.grad(y, c)
