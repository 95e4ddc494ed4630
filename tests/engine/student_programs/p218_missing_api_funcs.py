import torch

p = torch.tensor([0.1, 0.5, 0.9])
print(torch.logit(p))
losses = torch.tensor([5.0, 3.0, 2.5, 2.4])
print(torch.diff(losses), losses.diff())
print(torch.result_type(torch.tensor([1, 2]), 2.5))
xs, ys = torch.meshgrid(torch.linspace(-1, 1, 3), torch.linspace(0, 1, 2), indexing="ij")
print(xs, ys)
A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
print(torch.trace(A), torch.var_mean(A, dim=1))
