import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp
torch.manual_seed(5)
def f(x, y):
    return x * y.sum() + x.exp(), (x ** 2).sum() * y
x = torch.randn(3)
y = torch.randn(2)
J = jacobian(f, (x, y))
for i, row in enumerate(J):
    for j, blk in enumerate(row):
        print(i, j, blk.shape)
        print(blk)
def g(x, y):
    return (x ** 2 * y[0]).sum() + y.prod()
H = hessian(g, (x, y))
print(H[0][0]); print(H[0][1]); print(H[1][1])
out, v = vjp(lambda a: a.sin() * 2, x, torch.ones(3))
print(out, v)
out, jv = jvp(lambda a: a.cumsum(0), x, torch.tensor([1.0, 0.0, 0.0]))
print(jv)
val, hv = hvp(lambda a: (a ** 3).sum(), x, torch.ones(3))
print(val, hv)
Jc = jacobian(lambda a: a.tanh(), x, create_graph=True)
print(Jc.requires_grad, Jc.diagonal())
