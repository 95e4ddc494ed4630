import torch

x = torch.tensor([-2.0, -0.5, 0.0, 1.5, 3.0], requires_grad=True)
mask = x > 0
print(mask, mask.dtype, mask.sum(), mask.float().mean())
print(~mask, mask & (x < 2), mask | (x < -1))
pos = x[mask]
print(pos)
y = torch.where(mask, x ** 2, torch.zeros_like(x))
y.sum().backward()
print(x.grad)
x.grad = None
z = x.masked_fill(~mask, 0.0)
(z * 3).sum().backward()
print(z, x.grad)
x.grad = None
sel = x[mask].sum() + x[~mask].abs().sum()
sel.backward()
print(sel, x.grad)
m2 = torch.tensor([[True, False], [False, True]])
print(m2.any(), m2.all(), m2.any(dim=0), m2.int(), m2.nonzero())
print(torch.tensor([1, 0, 2]).bool(), mask.long().tolist())
