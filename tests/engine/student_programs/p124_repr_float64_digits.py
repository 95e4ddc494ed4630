import torch

x = torch.tensor([1 / 3, 2 / 3, 1.0], dtype=torch.float64)
print(x)
print(x * 1e6)
print(torch.tensor([3.141592653589793], dtype=torch.float64))
print(torch.tensor(2.718281828459045, dtype=torch.float64))
print(torch.tensor([1e-9, 1.0], dtype=torch.float64))
print(torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64).sum())
print(torch.tensor([123456789.123456789], dtype=torch.float64))
print(torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True))
print(torch.tensor([[1.5, 2.0]], dtype=torch.float64) * 2)
print(torch.tensor(1.0, dtype=torch.float64).item())
