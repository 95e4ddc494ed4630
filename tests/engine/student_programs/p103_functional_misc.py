import torch
import torch.nn.functional as F

x = torch.tensor([[-1.0, 0.5, 2.0]], requires_grad=True)
w = torch.tensor([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]])
b = torch.tensor([0.1, -0.1])
y = F.linear(x, w, b)
print(y)
print(F.relu(x), F.sigmoid(x) if hasattr(F, 'sigmoid') else None)
print(F.tanh(x))
print(F.one_hot(torch.tensor([0, 2, 1]), num_classes=3))
print(F.one_hot(torch.tensor([1, 0])))
print(F.normalize(torch.tensor([[3.0, 4.0]]), dim=1))
print(F.dropout(x, p=0.5, training=False))
print(F.softmax(x, dim=-1))
print(F.pad(torch.ones(2), (1, 1)) if hasattr(F, 'pad') else None)
print(F.l1_loss(x, torch.zeros(1, 3)))
print(F.smooth_l1_loss(x, torch.zeros(1, 3)) if hasattr(F, 'smooth_l1_loss') else None)
