# Week 9 exercise: torch.func instead of .backward()
import torch
from torch.func import grad, hessian, jacrev, jacfwd, vmap


def f(x):
    return x ** 4 - 3 * x ** 2 + x


df = grad(f)
d2f = grad(grad(f))
x = torch.tensor(2.0)
print("f'(2) =", df(x), " f''(2) =", d2f(x))

# Newton's method for a critical point
for it in range(6):
    x = x - df(x) / d2f(x)
    print(f"iter {it}: x = {x.item():.6f}, f'(x) = {df(x).item():.2e}")

# Jacobian of a vector function
def g(v):
    return torch.stack([v[0] * v[1], torch.sin(v[0]) + v[1] ** 2, v.sum()])

v = torch.tensor([0.5, -1.0])
J = jacrev(g)(v)
print("J =", J)
print("same as jacfwd:", torch.allclose(J, jacfwd(g)(v)))

def rosen(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2

H = hessian(rosen)(torch.tensor([1.0, 1.0]))
print("Hessian at the minimum:\n", H)
print("trace:", H.trace())

# derivative at many points at once
xs = torch.linspace(-2, 2, 5)
print("f' on a grid:", vmap(df)(xs))
print("f'' on a grid:", vmap(d2f)(xs))
print(grad(f)(torch.tensor([1.0, 2.0])))
