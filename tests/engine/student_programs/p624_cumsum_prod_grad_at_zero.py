import torch

x = torch.tensor([2.0, 0.0, 3.0, 4.0], requires_grad=True)
p = x.prod()
p.backward()
print(p, x.grad)
x.grad = None
z = torch.tensor([0.0, 0.0, 3.0], requires_grad=True)
z.prod().backward()
print(z.grad)
x.grad = None
x.cumsum(0).sum().backward()
print(x.grad)
x.grad = None
c = x.cumprod(0)
print(c)
c.sum().backward()
print(x.grad)
y = torch.tensor([[1.0, 2.0], [0.0, 5.0]], requires_grad=True)
y.prod(dim=1).sum().backward()
print(y.grad)
y.grad = None
torch.logsumexp(y, dim=0).sum().backward()
print(y.grad)
y.grad = None
y.std().backward()
print(y.grad)
y.grad = None
y.var(dim=0, unbiased=False).sum().backward()
print(y.grad)
one = torch.tensor([5.0], requires_grad=True)
s = one.std()
print(s)
s.backward()
print(one.grad)
k = torch.tensor([1.0, 4.0, 9.0], requires_grad=True)
k.sqrt().sum().backward()
print(k.grad)
k0 = torch.tensor([0.0, 1.0], requires_grad=True)
(k0 ** 0.5).sum().backward()
print(k0.grad)
k0.grad = None
(k0 ** 2).sum().backward()
print(k0.grad)
k0.grad = None
torch.log(k0).sum().backward()
print(k0.grad)
k0.grad = None
(k0 ** 0).sum().backward()
print(k0.grad)
k0.grad = None
(k0 ** k0).sum().backward()
print(k0.grad)
k0.grad = None
torch.pow(2.0, k0).sum().backward()
print(k0.grad)
k0.grad = None
(0.0 ** k0).sum().backward()
print(k0.grad)
k0.grad = None
(k0 * torch.log(k0)).sum().backward()
print(k0.grad)
k0.grad = None
torch.xlogy(k0, k0).sum().backward()
print(k0.grad)
k0.grad = None
(k0 / k0).sum().backward()
print(k0.grad)
k0.grad = None
torch.atan2(k0, k0).sum().backward()
print(k0.grad)
n = torch.tensor([[0.0, 0.0]], requires_grad=True)
torch.nn.functional.normalize(n, dim=1).sum().backward()
print(n.grad)
d = torch.tensor([1.0, 1.0], requires_grad=True)
torch.cdist(d[None], d[None]).sum().backward()
print(d.grad)
