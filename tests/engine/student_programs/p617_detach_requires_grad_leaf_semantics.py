import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 3
c = b.detach()
print(c, c.requires_grad, c.is_leaf, c.grad_fn)
c[0] = 100.0
print(b, a)
try:
    b.sum().backward()
    print(a.grad)
except RuntimeError as e:
    print(e)
d = a.detach().clone()
d.requires_grad_()
print(d.is_leaf, d.requires_grad)
(d * 2).sum().backward()
print(d.grad, a.grad)
e = torch.tensor([3.0, 4.0])
print(e.is_leaf, e.requires_grad, e.grad)
e.requires_grad_(True)
(e ** 2).sum().backward()
print(e.grad)
f = e * 1
print(f.is_leaf)
try:
    f.requires_grad_(False)
except RuntimeError as err:
    print(err)
try:
    b.requires_grad = False
except RuntimeError as err:
    print(err)
g = e.detach_() if False else e.detach()
print(g.requires_grad, e.requires_grad)
h = f.detach_()
print(h is f, f.requires_grad, f.grad_fn, f.is_leaf)
with warnings_ctx() if False else torch.no_grad():
    k = a * 2
print(k.requires_grad, k.is_leaf, k.grad_fn)
k.requires_grad_()
(k * k).sum().backward()
print(k.grad, a.grad)
m = torch.tensor(1.0, requires_grad=True)
n = m.detach()
n += 1
print(m, n, m._version, n._version)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.data
y.mul_(10)
print(x, x.requires_grad)
z = x.numpy() if not x.requires_grad else x.detach().numpy()
print(z, type(z).__name__, z.dtype)
try:
    x.numpy()
except RuntimeError as err:
    print(err)
print(x.tolist(), x.detach().cpu().numpy().sum())
print(torch.is_tensor(x), x.device, x.is_cuda, x.grad is None)
