import torch

x = torch.tensor(1.5, requires_grad=True)
y = x ** 3 + 2 * x
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
x.grad.zero_()
f = torch.exp(x) * torch.sin(x)
(g,) = torch.autograd.grad(f, x, create_graph=True)
print(g, g.requires_grad, g.grad_fn.name())
(h,) = torch.autograd.grad(g, x, create_graph=True)
print(h)
(k,) = torch.autograd.grad(h, x)
print(k, k.requires_grad)
try:
    torch.autograd.grad(k, x)
except RuntimeError as e:
    print(e)
z = x ** 4
g1 = torch.autograd.grad(z, x)[0]
print(g1, g1.requires_grad)
try:
    torch.autograd.grad(g1, x)
except RuntimeError as e:
    print(e)
z = x ** 4
z.backward(create_graph=True)
print(x.grad, x.grad.grad_fn is not None)
gx = x.grad
x.grad = None
gx.backward()
print(x.grad)
q = torch.tensor([1.0, 2.0], requires_grad=True)
e = (q ** 2).sum()
g2 = torch.autograd.grad(e, q, retain_graph=True)
print(g2)
g3 = torch.autograd.grad(e, [q])
print(g3, type(g3).__name__)
try:
    torch.autograd.grad(e, q)
except RuntimeError as err:
    print(err)
r = torch.tensor([3.0], requires_grad=True)
u = r * r
v = u.sum()
try:
    torch.autograd.grad(v, [r, u.detach()])
except RuntimeError as err:
    print(err)
print(torch.autograd.grad(v, [r, u], retain_graph=True))
p = torch.tensor(1.0, requires_grad=True)
unused = torch.tensor(2.0, requires_grad=True)
try:
    torch.autograd.grad(p * 2, [p, unused])
except RuntimeError as err:
    print(err)
print(torch.autograd.grad(p * 2, [p, unused], allow_unused=True))
print(torch.autograd.grad(p * 2, [p, unused], allow_unused=True, materialize_grads=True))
try:
    torch.autograd.grad((p * torch.ones(2)), p)
except RuntimeError as err:
    print(err)
print(torch.autograd.grad(p * torch.ones(2), p, grad_outputs=torch.ones(2)))
