import torch
from torch.autograd.functional import jacobian, hessian

def f(x, y):
    return x ** 2 * y, x + y.sin()

x = torch.tensor([1.0, 2.0])
y = torch.tensor([0.5, -1.0])
J = jacobian(f, (x, y))
print(type(J), len(J), type(J[0]), len(J[0]))
for i, row in enumerate(J):
    for j, blk in enumerate(row):
        print(f"d out{i} / d in{j}:\n{blk}")

def g(x):
    return (x[0] ** 2) * x[1] + torch.exp(x[1] * x[0])

H = hessian(g, torch.tensor([1.0, 0.5]))
print("H =", H)
print("symmetric:", torch.allclose(H, H.T))

def g2(a, b):
    return (a * b).sum() + (a ** 3).sum()

Hs = hessian(g2, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])))
print(len(Hs), len(Hs[0]))
print(Hs[0][0])
print(Hs[0][1])
print(Hs[1][1])

z = torch.tensor([0.3, 0.7], requires_grad=True)
Jc = jacobian(lambda t: t.exp() * t.sum(), z, create_graph=True)
print(Jc)
print(Jc.requires_grad)
Jc.sum().backward()
print(z.grad)

Jv = jacobian(lambda t: t.cumsum(0), torch.arange(1.0, 4.0), vectorize=True)
print(Jv)
Js = jacobian(lambda t: (t ** 2).sum(), torch.tensor(3.0))
print(Js, Js.shape)
Jsq = jacobian(lambda a: a @ a, torch.eye(2))
print(Jsq.shape)
print(Jsq[0, 1])
