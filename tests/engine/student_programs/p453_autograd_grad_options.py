import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([0.5, 0.5, 0.5], requires_grad=True)
unused = torch.tensor(7.0, requires_grad=True)

y = (x * w).sum() + (x ** 2).sum()
gx, gw = torch.autograd.grad(y, [x, w], retain_graph=True)
print("gx", gx)
print("gw", gw)
gx2, gu = torch.autograd.grad(y, [x, unused], allow_unused=True, retain_graph=True)
print("gx2", gx2, "gu", gu)
res = torch.autograd.grad(y, (x, unused), allow_unused=True, materialize_grads=True, retain_graph=True)
print(res)

v = x * w * 2
gout = torch.tensor([1.0, 0.1, 0.01])
g, = torch.autograd.grad(v, x, grad_outputs=gout, retain_graph=True)
print("weighted grad", g)
g, = torch.autograd.grad(v, x, torch.ones_like(v))
print("ones grad", g)
print("x.grad still", x.grad)

z = (x ** 3).sum()
(dz,) = torch.autograd.grad(z, x, create_graph=True)
print(dz)
(d2z,) = torch.autograd.grad(dz.sum(), x)
print(d2z)

outs = [x.sum(), (x * 2).sum()]
gs = torch.autograd.grad(outs, x)
print(gs)

try:
    torch.autograd.grad(y, unused, retain_graph=True)
except RuntimeError as e:
    print("err:", e)
try:
    torch.autograd.grad(v, x)
except RuntimeError as e:
    print("err2:", e)
try:
    torch.autograd.grad(x * 2, x, grad_outputs=torch.ones(2))
except RuntimeError as e:
    print("err3:", e)
q = (x ** 2).sum()
torch.autograd.grad(q, x)
torch.autograd.grad(q, x)
