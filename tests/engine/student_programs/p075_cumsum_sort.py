import torch

x = torch.tensor([3.0, 1.0, 2.0, 5.0, 4.0])
print(torch.cumsum(x, dim=0))
print(x.sort())
print(torch.sort(x, descending=True).values)
print(torch.topk(x, 2))
print(x.argsort() if hasattr(x, 'argsort') else None)
print(torch.flip(x, [0]))
print(torch.tril(torch.ones(3, 3)))
print(torch.triu(torch.ones(3, 3), diagonal=1))
print(torch.diag(torch.tensor([1.0, 2.0])))
print(x.unique() if hasattr(x, 'unique') else None)
