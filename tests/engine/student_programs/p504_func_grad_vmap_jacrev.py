import torch
from torch.func import grad, vmap, jacrev, hessian

def f(x):
    return (x ** 3).sum() + torch.sin(x).prod()

x = torch.tensor([0.5, 1.0, -0.3])
print("f(x) =", f(x))
print("grad f =", grad(f)(x))
print("jacrev of grad =", jacrev(grad(f))(x))
print("hessian =", hessian(f)(x))

torch.manual_seed(3)
batch = torch.randn(4, 3)
print("per-sample grads:\n", vmap(grad(f))(batch))

def model(w, xi):
    return torch.tanh(xi @ w)

w = torch.randn(3)
per_ex = vmap(grad(model), in_dims=(None, 0))(w, batch)
print(per_ex)
print(per_ex.shape)
J = jacrev(lambda v: v.exp() * v.sum())(x)
print(J)
print(vmap(torch.dot)(batch, batch))
