import torch
import torch.nn as nn

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], requires_grad=True)
loss_fn = nn.CrossEntropyLoss()
target = torch.tensor([0, 2])
loss = loss_fn(logits, target)
print(loss)
probs = torch.tensor([[0.7, 0.2, 0.1], [0.0, 0.0, 1.0]])
print(loss_fn(logits, probs))
target_f = torch.tensor([0.0, 2.0])
print(target_f.dtype)
loss = loss_fn(logits, target_f)
