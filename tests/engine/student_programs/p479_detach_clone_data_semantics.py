import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
d = y.detach()
c = y.clone()
print(d.requires_grad, c.requires_grad, c.grad_fn.name())
d[0] = 100.0
print("y after editing detach:", y)
c.sum().backward()
print(x.grad)

x.grad = None
z = x.data
z[1] = -1.0
print(x)
(x ** 2).sum().backward()
print(x.grad)

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.detach().clone().requires_grad_(True)
print(b.is_leaf, b.requires_grad, a is b)
(b * 3).sum().backward()
print(a.grad, b.grad)

e = a.expand(3, 2)
print(e, e.is_contiguous())
try:
    with torch.no_grad():
        e.add_(1)
except RuntimeError as err:
    print("RuntimeError:", err)
t = torch.arange(6.).reshape(2, 3).t()
print(t.is_contiguous(), t.contiguous().is_contiguous())
try:
    t.view(6)
except RuntimeError as err:
    print("RuntimeError:", err)
print(t.reshape(6))

w = torch.tensor([0.5], requires_grad=True)
w.data = torch.tensor([5.0])
print(w, w.requires_grad)
w.data.mul_(2)
print(w)
k = torch.tensor([1.0, 2.0], requires_grad=True)
m = k.detach()
m.add_(1)
print(k)
n = k * 1
k2 = n.detach_()
print(n.requires_grad, n.grad_fn, k2 is n)
k.detach_()
