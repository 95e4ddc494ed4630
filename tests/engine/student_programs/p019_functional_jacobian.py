import torch
from torch.autograd.functional import jacobian, hessian

def f(x):
    return x ** 2 + 2 * x

def g(x):
    return (x ** 3).sum() + x[0] * x[1]

x = torch.tensor([1.0, 2.0, 3.0])
print(jacobian(f, x))
print(hessian(g, x))

def h(a, b):
    return a * b + b ** 2

a = torch.tensor([1.0, 2.0])
b = torch.tensor([3.0, 4.0])
ja, jb = jacobian(h, (a, b))
print(ja)
print(jb)
print(jacobian(lambda t: t.sum(), x))
