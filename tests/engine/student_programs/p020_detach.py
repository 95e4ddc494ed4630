import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 2
z = y.detach()
print(z, z.requires_grad)
w = y * z
w.backward()
print(x.grad)
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.detach()
b[0] = 100.0
print(a)
c = a.clone()
print(c)
print(c.requires_grad, c.is_leaf, c.grad_fn.name())
d = a.detach().clone()
d[1] = -1
print(a, d)
