import torch

x = torch.tensor([-3.0, -1.0, 0.5, 2.0, 4.0], requires_grad=True)
y = torch.where(x > 0, x ** 2, -x)
print(y)
y.sum().backward()
print(x.grad)
x.grad = None
c = torch.clamp(x, min=-1.0, max=2.0)
print(c)
c.sum().backward()
print(x.grad)
print(x.clamp(min=0))
print(torch.clamp(x.detach(), max=0.0))
print(x.detach().clamp_(0, 1))
print(torch.where(torch.tensor([True, False, True]), torch.tensor([1, 2, 3]), torch.tensor([0, 0, 0])))
print(torch.where(x > 1, 1.0, 0.0))
