import torch

print(torch.tensor([1e-8, 2e-8]))
print(torch.tensor([1e30, -1e30, 0.0]))
print(torch.tensor([1e-40]))
print(torch.tensor([3.4e38]))
print(torch.tensor([123456789.0]))
print(torch.tensor([0.000123, 12345.6]))
print(torch.tensor([1.5, 2.25, 3.125]))
print(torch.tensor([1e5, 1e-5]))
print(torch.tensor([[1e-3, 1e3], [1e-4, 1e4]]))
print(torch.tensor(1e-10))
print(torch.tensor(5e9))
