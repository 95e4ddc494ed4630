import torch

def f(x):
    return (x[0] ** 2) * x[1] + torch.exp(x[1]) * x[2] + x[2] ** 3

x = torch.tensor([1.0, 0.5, -1.0], requires_grad=True)
v = torch.tensor([1.0, 0.0, 2.0])
g, = torch.autograd.grad(f(x), x, create_graph=True)
print(g)
print(g.requires_grad, g.grad_fn is not None)
hv, = torch.autograd.grad(g @ v, x)
print(hv)
val, hv2 = torch.autograd.functional.hvp(f, x.detach(), v)
print(val, hv2)
_, vh = torch.autograd.functional.vhp(f, x.detach(), v)
print(vh)
H = torch.autograd.functional.hessian(f, x.detach())
print(H @ v)
print(torch.allclose(hv, H @ v))
