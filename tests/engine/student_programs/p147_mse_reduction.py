import torch
import torch.nn as nn

pred = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
target = torch.tensor([1.5, 2.0, 2.0])
for red in ["mean", "sum", "none"]:
    loss_fn = nn.MSELoss(reduction=red)
    l = loss_fn(pred, target)
    print(red, l)
l = nn.MSELoss(reduction='sum')(pred, target)
l.backward()
print(pred.grad)
pred.grad = None
nn.L1Loss()(pred, target).backward()
print(pred.grad)
print(nn.functional.mse_loss(pred, target, reduction='sum'))
print(nn.SmoothL1Loss()(pred, target))
print(nn.HuberLoss(delta=0.5)(pred, target))
