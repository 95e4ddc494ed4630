import torch
import torch.nn as nn

logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [0.0, 0.0, 3.0]], requires_grad=True)
labels = torch.tensor([0, 1, 1])
loss = nn.CrossEntropyLoss()(logits, labels)
print(loss)
loss.backward()
print(logits.grad)
print(nn.CrossEntropyLoss(reduction='none')(logits, labels))
print(nn.CrossEntropyLoss(reduction='sum')(logits, labels))
print(nn.functional.cross_entropy(logits, labels, label_smoothing=0.1))
probs = torch.softmax(logits, dim=-1)
print(probs)
print(probs.sum(dim=-1))
print(torch.log_softmax(logits, dim=-1))
pred = logits.argmax(dim=1)
print(pred, (pred == labels).float().mean())
try:
    nn.CrossEntropyLoss()(logits, labels.float())
except Exception as e:
    print(type(e).__name__, e)
