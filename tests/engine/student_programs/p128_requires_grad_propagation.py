import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
d = x.detach()
c = x.clone()
print(d.requires_grad, d.is_leaf, d.grad_fn)
print(c.requires_grad, c.is_leaf, type(c.grad_fn).__name__)
d[0] = 10.0
print(x)
y = torch.zeros(3)
print(y.requires_grad)
y[1] = x[1] * 2
print(y.requires_grad, type(y.grad_fn).__name__)
y.sum().backward()
print(x.grad)
z = torch.ones(3)
z += x
print(z.requires_grad, type(z.grad_fn).__name__)
w = x.detach().clone().requires_grad_(True)
print(w.requires_grad, w.is_leaf)
e = x.data
print(e.requires_grad)
f = x * 1
f.detach_()
print(f.requires_grad, f.grad_fn)
print((x + d).requires_grad)
print(torch.tensor([1.0]).add(x[:1]).requires_grad)
