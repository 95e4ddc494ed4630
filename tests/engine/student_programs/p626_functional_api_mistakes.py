import torch
from torch.autograd.functional import jacobian, hessian

def f(x):
    return [x[0] ** 2, x[0] * x[1]]

x = torch.tensor([1.0, 2.0])
try:
    print(jacobian(f, x))
except Exception as e:
    print(type(e).__name__, e)
def g(a, b):
    return (a * b).sum()
a = torch.tensor([1.0, 2.0])
b = torch.tensor([3.0, 4.0])
try:
    print(jacobian(g, [a, b]))
except Exception as e:
    print(type(e).__name__, e)
print(jacobian(g, (a, b)))
try:
    print(hessian(g, [a, b]))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(jacobian(lambda t: t.numpy().sum(), a))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(jacobian(lambda t: torch.tensor(t.tolist()) * 2, a))
except Exception as e:
    print(type(e).__name__, e)
print(jacobian(lambda t: torch.zeros(2), a))
try:
    print(jacobian(lambda t: torch.zeros(2), a, strict=True))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(jacobian(f, 3.0))
except Exception as e:
    print(type(e).__name__, e)
print(jacobian(lambda t: (t[0], t[1] * 2), a))
try:
    hessian(lambda t: (t ** 2).sum(), torch.tensor([1, 2]))
except Exception as e:
    print(type(e).__name__, e)
