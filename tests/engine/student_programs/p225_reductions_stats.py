import torch

x = torch.tensor([[2.0, 4.0, 4.0, 4.0], [5.0, 5.0, 7.0, 9.0]])
print(x.mean(), x.mean(dim=1), x.mean(dim=0, keepdim=True))
print(x.std(), x.std(dim=1, unbiased=False), x.var(dim=0))
print(x.max(), x.min(dim=1), x.amax(dim=0))
print(x.median(), x.median(dim=1))
print(x.prod(dim=1), x.sum(dim=(0, 1)), x.norm(dim=1))
print(torch.logsumexp(x, dim=1))
print(x.argmin(), x.argmax(dim=0))
print(x.median(dim=0).values)
z = (x - x.mean(dim=1, keepdim=True)) / x.std(dim=1, keepdim=True)
print(z)
print(x.var(dim=1), x.mean(dim=1))
