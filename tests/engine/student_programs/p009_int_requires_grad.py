import torch

try:
    x = torch.tensor(3, requires_grad=True)
except RuntimeError as e:
    print("Error:", e)
try:
    x = torch.tensor([1, 2, 3], requires_grad=True)
except RuntimeError as e:
    print("Error:", e)
a = torch.tensor([1, 2, 3])
print(a, a.dtype)
try:
    a.requires_grad_()
except RuntimeError as e:
    print("Error:", e)
b = a.float().requires_grad_()
print(b)
c = torch.tensor(3.0, requires_grad=True)
print(c, c.dtype)
