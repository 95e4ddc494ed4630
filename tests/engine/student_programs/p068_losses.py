import torch
import torch.nn as nn
import torch.nn.functional as F

pred = torch.tensor([0.5, 1.5, 2.0], requires_grad=True)
target = torch.tensor([1.0, 1.0, 3.0])
print(nn.MSELoss()(pred, target))
print(nn.MSELoss(reduction='sum')(pred, target))
print(nn.L1Loss()(pred, target))
print(F.mse_loss(pred, target, reduction='none'))
p = torch.tensor([0.9, 0.2, 0.6], requires_grad=True)
t = torch.tensor([1.0, 0.0, 1.0])
bce = nn.BCELoss()(p, t)
print(bce)
bce.backward()
print(p.grad)
logits = torch.tensor([2.0, -1.0, 0.3], requires_grad=True)
print(nn.BCEWithLogitsLoss()(logits, t))
print(F.binary_cross_entropy_with_logits(logits, t))
loss = F.mse_loss(pred, target)
loss.backward()
print(pred.grad)
print(nn.MSELoss())
print(nn.CrossEntropyLoss())
