import torch
import torch.nn.functional as F

logits = torch.tensor([[1.0, 2.0, 0.5], [0.3, -0.2, 0.9]], requires_grad=True)
labels = torch.tensor([1, 2])
print(F.cross_entropy(logits, labels))
print(F.cross_entropy(logits, labels, reduction="none"))
print(F.nll_loss(F.log_softmax(logits, dim=1), labels))
labels_1based = torch.tensor([2, 3])
loss = F.cross_entropy(logits, labels_1based)
