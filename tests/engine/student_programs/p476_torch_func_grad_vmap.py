import torch
from torch.func import grad, vmap, jacrev, hessian

def f(x):
    return torch.sin(x) * x ** 2

x = torch.tensor(1.5)
print("f'(1.5) =", grad(f)(x))
print("f''(1.5) =", grad(grad(f))(x))
xs = torch.linspace(0, 1, 5)
print(vmap(grad(f))(xs))

def g(v):
    return (v ** 2).sum() + v.prod()
v = torch.tensor([1.0, 2.0, 3.0])
print(grad(g)(v))
print(jacrev(lambda v: v ** 2)(v))
print(hessian(g)(v))

def loss(w, x, y):
    return ((x @ w - y) ** 2).mean()
w = torch.tensor([0.5, -0.5])
X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
Y = torch.tensor([1.0, 0.0])
print(grad(loss)(w, X, Y))
print(grad(loss, argnums=(0, 2))(w, X, Y))
per_sample = vmap(grad(loss), in_dims=(None, 0, 0))(w, X.unsqueeze(1), Y.unsqueeze(1))
print(per_sample)
