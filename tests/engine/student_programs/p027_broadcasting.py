import torch

a = torch.tensor([[1.0], [2.0], [3.0]], requires_grad=True)
b = torch.tensor([10.0, 20.0], requires_grad=True)
c = a + b
print(c)
print(c.shape)
c.sum().backward()
print(a.grad)
print(b.grad)
x = torch.ones(2, 3, 4)
y = torch.arange(4.0)
print((x * y).sum(dim=(0, 1)))
s = torch.tensor(2.0, requires_grad=True)
m = torch.ones(2, 2) * s
m.sum().backward()
print(s.grad)
print(torch.tensor([1, 2, 3]) + 0.5)
print(torch.tensor([1, 2, 3]) * torch.tensor([[1], [2]]))
