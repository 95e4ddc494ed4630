import torch

print(torch.arange(24.0).reshape(2, 3, 4))
print(torch.arange(16).reshape(2, 2, 2, 2))
print(torch.zeros(1, 1, 1))
print(torch.ones(2, 1, 3) * 0.5)
print(torch.zeros(2, 0))
print(torch.zeros(2, 0, 3))
print(torch.arange(8.0).reshape(2, 2, 2).requires_grad_())
print((torch.arange(8.0).reshape(2, 2, 2).requires_grad_() * 2).sum(0))
print(torch.tensor([[True, False], [False, True]]))
print(torch.arange(6, dtype=torch.float64).reshape(2, 3))
print(torch.arange(6, dtype=torch.int32).reshape(3, 2))
