import torch
import torch.nn.functional as F

# 交差エントロピーを 3 通りで: 手書き, log_softmax + nll, F.cross_entropy
logits = torch.tensor([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0], [2.0, 2.0, 2.0], [0.3, 0.1, -0.4]],
                      requires_grad=True)
target = torch.tensor([1, 2, 0, 0])

manual = -(logits.gather(1, target.view(-1, 1)).squeeze(1) - torch.logsumexp(logits, dim=1)).mean()
nll = F.nll_loss(F.log_softmax(logits, dim=1), target)
ce = F.cross_entropy(logits, target)
print(manual.item())
print(nll.item())
print(ce.item())
print(F.cross_entropy(logits, target, reduction="sum").item())
print(F.cross_entropy(logits, target, reduction="none"))
ce.backward()
print(logits.grad)
g = (torch.softmax(logits.detach(), dim=1) - F.one_hot(target, 3)) / 4
print(torch.allclose(logits.grad, g))
onehot = F.one_hot(target, num_classes=3)
print(onehot, onehot.dtype)
