import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
print(x.sum(dim=0), x.sum(dim=-1), x.mean(dim=1))
print(x.softmax(dim=-1).sum(dim=1))
print(x.max(dim=1).indices)
# 列方向のつもりで dim=2
print(x.sum(dim=2))
