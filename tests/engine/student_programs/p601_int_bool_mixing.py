import torch

a = torch.tensor([1, 2, 3])
b = torch.tensor([0.5, 1.5, 2.5], requires_grad=True)
c = a * b
print(c, c.dtype)
c.sum().backward()
print(b.grad)
m = torch.tensor([True, False, True])
d = b * m
print(d, d.dtype)
print(m + m, (m + m).dtype, m.sum(), m.sum().dtype, m.float().mean())
print(a / 2, a // 2, a / a, (a / 2).dtype)
print(a ** 2, a ** 0.5, (a ** 0.5).dtype, 2 ** a)
print(a.float().requires_grad, a.mean(dtype=torch.float32))
try:
    a.mean()
except Exception as e:
    print(type(e).__name__, e)
try:
    a.requires_grad_()
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.tensor([1, 2], requires_grad=True)
except Exception as e:
    print(type(e).__name__, e)
try:
    m.requires_grad = True
except Exception as e:
    print(type(e).__name__, e)
x = torch.tensor([2.0, -1.0, 0.0], requires_grad=True)
mask = x > 0
print(mask, mask.dtype, mask.requires_grad)
y = (x * mask).sum() + torch.where(mask, x ** 2, torch.zeros_like(x)).sum()
y.backward()
print(y, x.grad)
i = torch.arange(5)
print(i, i.dtype, i * 1.0, (i * 1.0).dtype, i + True, i.to(torch.bool))
print(torch.tensor(7) / torch.tensor(2), torch.tensor(7) // torch.tensor(2), torch.tensor(-7) // 2, torch.tensor(-7) % 3)
print(torch.tensor([1, 2], dtype=torch.int32) + torch.tensor([1, 2], dtype=torch.int64))
print(torch.tensor([1, 2], dtype=torch.int32) * 2.5)
print(torch.tensor([1, 2], dtype=torch.uint8) - 3)
print(torch.tensor(3) * torch.tensor(2.0, dtype=torch.float64))
print(torch.tensor([3]) * torch.tensor(2.0, dtype=torch.float64))
print(torch.tensor([3.0]) * torch.tensor(2.0, dtype=torch.float64))
print(torch.tensor([True]) + 1.5)
print(b.long(), b.int().dtype, b.bool())
