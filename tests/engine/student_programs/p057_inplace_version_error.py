import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp()
y.add_(1)
try:
    y.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e).split(";")[0])
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
c = b ** 2
b.mul_(3)
try:
    c.sum().backward()
except RuntimeError as e:
    print(type(e).__name__)
a2 = torch.tensor([1.0, 2.0], requires_grad=True)
s = a2.sigmoid()
s.mul_(2)
try:
    s.sum().backward()
except RuntimeError as e:
    print("sigmoid:", "modified by an inplace operation" in str(e))
