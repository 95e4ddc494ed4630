import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp

def f(x):
    return torch.stack([x[0] * x[1], x[0] ** 2 + torch.exp(x[1])])

x = torch.tensor([1.0, 0.5])
J = jacobian(f, x)
print(J)
print(J.shape, J.requires_grad)
Jc = jacobian(f, x, create_graph=True)
print(Jc.requires_grad, Jc.grad_fn is not None)

def scalar(x, y):
    return (x ** 2 * y).sum() + (y ** 3).sum()

a = torch.tensor([1.0, 2.0])
b = torch.tensor([3.0, -1.0])
H = hessian(scalar, (a, b))
for i, row in enumerate(H):
    for j, blk in enumerate(row):
        print(i, j, blk)
print(jacobian(scalar, (a, b)))
print(vjp(f, x, torch.tensor([1.0, 1.0])))
print(jvp(f, x, torch.tensor([1.0, 0.0])))
def s(x):
    return (x ** 4).sum()
print(hvp(s, x, torch.tensor([1.0, 1.0])))
print(vhp(s, x, torch.tensor([1.0, 2.0])))
print(hessian(s, x))
print(jacobian(lambda x: x ** 2, torch.tensor(3.0)))
print(hessian(lambda x: x ** 3, torch.tensor(2.0)))
print(jacobian(lambda A: A @ A, torch.eye(2)).shape)
print(jacobian(lambda x: x.sum(), x, vectorize=True))
print(jacobian(lambda x: x * 2, torch.tensor([1.0, 2.0, 3.0]), strategy="forward-mode", vectorize=True))
try:
    hessian(f, x)
except Exception as e:
    print(type(e).__name__, e)
try:
    jacobian(lambda x: 1.0, x)
except Exception as e:
    print(type(e).__name__, e)
