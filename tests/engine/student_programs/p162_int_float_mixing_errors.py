import torch

i = torch.tensor([1, 2, 3])
try:
    i.requires_grad_()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.tensor([1, 2], requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    i += 0.5
except RuntimeError as e:
    print(type(e).__name__, e)
print(i)
i2 = i.clone()
i2 *= 2
print(i2)
f = torch.zeros(3)
f += i
print(f)
try:
    torch.arange(3).sqrt_()
except RuntimeError as e:
    print(type(e).__name__, e)
x = torch.arange(3.0)
x[0] = 7
print(x)
