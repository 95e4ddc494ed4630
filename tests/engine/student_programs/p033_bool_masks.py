import torch

x = torch.tensor([-2.0, -0.5, 0.0, 1.0, 3.0])
mask = x > 0
print(mask)
print(mask.dtype)
print(x[mask])
print(mask.sum())
print(mask.float().mean())
print(x * mask)
print((x > -1) & (x < 2))
print((x < -1) | (x > 2))
print(~mask)
print(mask.any(), mask.all())
x[x < 0] = 0
print(x)
print(torch.tensor([True, False]))
print(torch.zeros(2, 2, dtype=torch.bool))
