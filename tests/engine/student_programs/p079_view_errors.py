import torch

x = torch.arange(6)
print(x.view(2, 3))
print(x.view(3, -1))
try:
    x.view(4, -1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    x.reshape(5)
except RuntimeError as e:
    print("RuntimeError:", e)
y = x.view(2, 3).t()
print(y.is_contiguous())
try:
    y.view(6)
except RuntimeError as e:
    print("RuntimeError:", e)
print(y.reshape(6))
print(y.contiguous().view(6))
try:
    x[10]
except IndexError as e:
    print("IndexError:", e)
try:
    x.sum(dim=2)
except IndexError as e:
    print("IndexError:", e)
