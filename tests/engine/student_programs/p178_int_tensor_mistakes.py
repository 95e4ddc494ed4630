import torch

a = torch.tensor([1, 2, 3, 4])
print(a.dtype, a * 2, a / 2, a // 3, a % 3)
print(a.sum(), a.sum().dtype, a.prod())
print(a.float().mean())
print(a.max(), a.argmax(), (a > 2).sum())
print(torch.tensor([7, -7]) // 2, torch.tensor([7, -7]) % 3)
print(a ** 2, 2 ** a)
print(a.double().std())
print(a.to(torch.float16))
print(a.mean())
