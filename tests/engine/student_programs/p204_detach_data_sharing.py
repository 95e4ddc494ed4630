import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a.detach()
b[0] = 10.0
print(a, b)
c = a.data
c[1] = 20.0
print(a)
y = (a ** 2).sum()
a.data.mul_(0.5)
print(a)
y.backward()
print(a.grad)
d = a.clone()
print(d, d.is_leaf)
e = a.detach().clone()
e[2] = -1.0
print(a, e, e.requires_grad)
f = torch.tensor(a.detach().numpy())
print(f)
