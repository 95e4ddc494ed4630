import torch

a = torch.tensor([1.0, 2.0, 3.0])
a.add_(1)
print(a)
a.mul_(2)
print(a)
a.sub_(torch.ones(3))
print(a)
a.div_(2)
print(a)
a.pow_(2)
print(a)
a.clamp_(max=10)
print(a)
a.zero_()
print(a)
a.fill_(3.5)
print(a)
b = a
b += 1
print(a)
c = a.clone()
c *= 0
print(a, c)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.add_(1)
print(y)
y.sum().backward()
print(x.grad)
