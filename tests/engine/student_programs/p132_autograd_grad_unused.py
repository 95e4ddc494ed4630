import torch

x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(2.0, requires_grad=True)
z = x * 3
try:
    torch.autograd.grad(z, [x, y])
except RuntimeError as e:
    print(type(e).__name__, e)
gx, gy = torch.autograd.grad(x * 3, [x, y], allow_unused=True)
print(gx, gy)
gx, gy = torch.autograd.grad(x * 3, [x, y], allow_unused=True, materialize_grads=True)
print(gx, gy)
(g,) = torch.autograd.grad(x ** 2 + y, x)
print(g)
print(x.grad)
(g2,) = torch.autograd.grad(x ** 3, x, create_graph=True)
print(g2, g2.requires_grad)
(g3,) = torch.autograd.grad(g2, x)
print(g3)
v = torch.tensor([1.0, 2.0], requires_grad=True)
out = v * 2
(gv,) = torch.autograd.grad(out, v, grad_outputs=torch.ones(2))
print(gv)
try:
    torch.autograd.grad(out, v)
except RuntimeError as e:
    print(type(e).__name__, e)
