import torch

a = torch.tensor([5, 3, -2])
b = torch.tensor([2, 2, 2])
print(a + b, a - b, a * b)
print(a / b)
print(a // b)
print(a % b)
print(a ** 2)
print(-a)
print(a.abs())
print(a.sum(), a.sum().dtype)
print(a.float().mean())
try:
    a.mean()
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.arange(5))
print(torch.arange(0, 10, 3))
print(torch.zeros(3, dtype=torch.long))
print(torch.tensor([1, 2], dtype=torch.int32))
print(torch.tensor([1, 2], dtype=torch.int8) * 100)
print(a.max().item(), type(a.max().item()))
