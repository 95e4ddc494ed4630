import torch
import torch.nn as nn
import torch.nn.functional as F

logits = torch.tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0]], requires_grad=True)
y = torch.tensor([1, 2])

print(F.cross_entropy(logits, y))
try:
    F.cross_entropy(logits, torch.tensor([1, 2, 0]))
except Exception as e:
    print(type(e).__name__, ":", e)
try:
    F.cross_entropy(logits, y.unsqueeze(1))
except Exception as e:
    print(type(e).__name__, ":", e)
try:
    F.cross_entropy(logits[0], y[0])
    print("1-D logits ok:", F.cross_entropy(logits[0], y[0]))
except Exception as e:
    print(type(e).__name__, ":", e)

pred = torch.tensor([[1.0], [2.0], [3.0]])
target = torch.tensor([1.0, 2.5, 2.0])
print(F.mse_loss(pred, target))      # broadcasting bug, warns
print(F.mse_loss(pred.squeeze(), target))
print(F.mse_loss(pred.view(-1), target, reduction="sum"))
print(F.mse_loss(pred.view(-1), target, reduction="none"))
try:
    F.mse_loss(torch.ones(3), torch.ones(4))
except Exception as e:
    print(type(e).__name__, ":", e)
try:
    F.binary_cross_entropy(torch.tensor([0.5, 0.2]), torch.tensor([[1.0, 0.0]]))
except Exception as e:
    print(type(e).__name__, ":", e)
try:
    F.binary_cross_entropy(torch.tensor([1.5, 0.2]), torch.tensor([1.0, 0.0]))
except Exception as e:
    print(type(e).__name__, ":", e)
try:
    nn.MSELoss(reduction="avg")
except Exception as e:
    print(type(e).__name__, ":", e)
try:
    F.nll_loss(logits, torch.tensor([3, 0]))
except Exception as e:
    print(type(e).__name__, ":", e)
lin = nn.Linear(3, 2)
lin(torch.ones(4, 2))
