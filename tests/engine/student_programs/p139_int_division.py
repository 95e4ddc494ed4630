import torch

a = torch.tensor([7, -7, 7, -7])
b = torch.tensor([2, 2, -2, -2])
print(a // b)
print(a / b)
print(a % b)
print(torch.div(a, b))
print(torch.div(a, b, rounding_mode='floor'))
print(torch.div(a, b, rounding_mode='trunc'))
print(torch.floor_divide(a, b))
print(torch.remainder(a, b))
print(torch.fmod(a, b))
f = torch.tensor([7.5, -7.5])
print(f // 2, f % 2)
print(torch.div(f, 2, rounding_mode='trunc'))
print(a // 2, -a // 3)
try:
    print(a // 0)
except RuntimeError as e:
    print(type(e).__name__, e)
print(f / 0)
