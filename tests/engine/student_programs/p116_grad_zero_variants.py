import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
(x ** 2).sum().backward()
print(x.grad)
x.grad.data.zero_()
print(x.grad)
(x ** 2).sum().backward()
with torch.no_grad():
    x.grad.zero_()
print(x.grad)
(x ** 2).sum().backward()
x.grad.fill_(0)
print(x.grad)
(x ** 2).sum().backward()
x.grad *= 0
print(x.grad)
(x ** 2).sum().backward()
g = x.grad
x.grad = None
print(g, x.grad)
(3 * x).sum().backward()
print(g, x.grad, g is x.grad)
