import torch
from torch.func import grad, jacrev, jacfwd, hessian, vmap

def f(x):
    return (x ** 3).sum() + x[0] * x[1]

x = torch.tensor([1.0, 2.0, 3.0])
print(grad(f)(x))
print(jacrev(grad(f))(x))
print(hessian(f)(x))
print(jacfwd(jacrev(f))(x))

def g(x):
    return torch.stack([x[0] ** 2 * x[1], torch.sin(x[1]) + x[2], x.prod()])

J = jacrev(g)(x)
print(J)
print(jacfwd(g)(x))
H = jacrev(jacrev(g))(x)
print(H.shape)
print(H)

def loss(w, b, X, y):
    return ((X @ w + b - y) ** 2).mean()

X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
y = torch.tensor([1.0, 0.0, 2.0])
w = torch.tensor([0.1, -0.2])
b = torch.tensor(0.5)
gw, gb = grad(loss, argnums=(0, 1))(w, b, X, y)
print(gw, gb)
val_grad = torch.func.grad_and_value(loss)(w, b, X, y)
print(val_grad)
per_sample = vmap(grad(lambda w, xi, yi: (xi @ w - yi) ** 2), in_dims=(None, 0, 0))(w, X, y)
print(per_sample)
print(vmap(torch.dot)(X, X))
def h(x):
    return x.sin().sum()
print(vmap(grad(h))(X))
try:
    grad(g)(x)
except Exception as e:
    print(type(e).__name__, e)
