import torch
import torch.nn.functional as F

logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, 0.2, 3.1], [0.0, 0.0, 0.0]],
                      requires_grad=True)
target = torch.tensor([0, 1, 2, 1])
logp = logits.log_softmax(dim=-1)
picked = logp.gather(1, target.unsqueeze(1))
print(picked)
manual = -picked.mean()
print(manual)
print(F.cross_entropy(logits, target))
manual.backward()
print(logits.grad)
onehot = F.one_hot(target, num_classes=3)
print(onehot, onehot.dtype)
print(-(onehot * logp).sum(dim=1).mean())
print(logp[torch.arange(4), target])
print(F.cross_entropy(logits, target, label_smoothing=0.1))
