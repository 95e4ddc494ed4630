import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp

def f(x):
    return torch.stack([x[0] * x[1], x[0] ** 2, torch.exp(x[1])])

x = torch.tensor([1.0, 2.0])
J = jacobian(f, x)
print(J)
print(J.shape)
print(jacobian(f, x, create_graph=True).requires_grad)
def g(A):
    return A @ A
A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(jacobian(g, A).shape)
print(hessian(lambda v: (v ** 3).sum(), torch.tensor([1.0, -1.0])))
out, v = vjp(f, x, torch.tensor([1.0, 0.0, 1.0]))
print(out, v)
out, t = jvp(f, x, torch.tensor([1.0, 0.0]))
print(t)
print(hvp(lambda v: (v ** 3).sum(), torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0])))
print(jacobian(lambda a: a * 2, torch.tensor(3.0)))
