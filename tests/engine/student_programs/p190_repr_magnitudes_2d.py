import torch

print(torch.tensor([[1e-4, 1.0], [250.0, 3.5]]))
print(torch.tensor([[0.001, 0.01], [0.1, 1.0]]))
print(torch.tensor([[1e8, 1.0], [2.0, 3.0]]))
print(torch.tensor([[123456.0, 2.5]]))
print(torch.tensor([-1e-10, 1e-10, 0.0]))
print(torch.tensor([[1.0, -2.0], [3.0, -4.0]], requires_grad=True) * 1.5)
print(torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64) * 3)
print(torch.tensor([1e20, -1e-20], dtype=torch.float64))
print(torch.tensor([[10, -200], [3000, 4]]))
print(torch.tensor([99999.0, 100000.0]), torch.tensor([999.5, 0.001]))
print(torch.tensor([[[0.5]]], requires_grad=True))
print(torch.full((2, 3), 7.0).sum(dim=1, keepdim=True))
