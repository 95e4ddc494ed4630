import torch

x = torch.arange(24).reshape(2, 3, 4)
print(x)
print(x.float() / 7)
print(torch.ones(1, 1, 1))
print(torch.zeros(2, 1, 2, 1))
print(x.permute(2, 0, 1))
print(x.sum(dim=1))
print(x[:, 1, :])
print(x[..., 0])
print(torch.arange(8.0).reshape(2, 2, 2) - 3.5)
