import torch

x = torch.arange(6.0).reshape(2, 3)
x.unsqueeze_(0)
print(x.shape)
x.squeeze_()
print(x.shape)
x.t_()
print(x, x.shape, x.is_contiguous())
x.transpose_(0, 1)
print(x.shape)
y = torch.zeros(3, 1, 2)
y.squeeze_(1)
print(y.shape)
z = torch.arange(8)
z.resize_(2, 3)
print(z)

p = torch.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
h = p * 2
h.unsqueeze_(0)
print(h)
h.squeeze_(0)
print(h)
h.t_()
print(h)
(h * torch.tensor([[1.0], [2.0], [3.0]])).sum().backward()
print(p.grad)
try:
    p.unsqueeze_(0)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    p.resize_(3)
except RuntimeError as e:
    print("RuntimeError:", e)
with torch.no_grad():
    p.squeeze_(0)
print(p.shape, p.requires_grad, p.is_leaf)
