import torch
import torch.nn as nn
import torch.nn.functional as F

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], requires_grad=True)
target = torch.tensor([0, 2])
loss_fn = nn.CrossEntropyLoss()
loss = loss_fn(logits, target)
print(loss)
loss.backward()
print(logits.grad)
print(F.cross_entropy(logits, target, reduction='sum'))
print(F.cross_entropy(logits, target, reduction='none'))
print(F.nll_loss(F.log_softmax(logits, dim=1), target))
try:
    loss_fn(logits, torch.tensor([0.0, 2.0]))
except RuntimeError as e:
    print("RuntimeError:", e)
# full float32 digits of log_softmax depend on torch's vectorised exp/log (last-ulp noise)
print(f"{loss.item():.6f}")
