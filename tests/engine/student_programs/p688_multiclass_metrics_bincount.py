# evaluation metrics computed with tensor ops: confusion matrix via bincount, precision/recall/F1
import torch
import torch.nn.functional as F

torch.manual_seed(0)
num_classes = 4
targets = torch.randint(0, num_classes, (60,))
logits = torch.randn(60, num_classes) + 2.0 * F.one_hot(targets, num_classes)
print(F.one_hot(targets[:5], num_classes))
probs = logits.softmax(dim=-1)
preds = probs.argmax(dim=-1)
print("acc:", (preds == targets).float().mean())
cm = torch.bincount(num_classes * targets + preds, minlength=num_classes ** 2).view(num_classes, num_classes)
print(cm)
tp = cm.diag().float()
precision = tp / cm.sum(0).clamp(min=1)
recall = tp / cm.sum(1)
f1 = 2 * precision * recall / (precision + recall)
print("precision", precision)
print("recall", recall)
print("f1", f1, "macro", f1.mean().item())
top2 = probs.topk(2, dim=1).indices
print("top-2 acc:", (top2 == targets.unsqueeze(1)).any(1).float().mean().item())
conf, _ = probs.max(1)
print(f"mean confidence {conf.mean():.4f}, when wrong {conf[preds != targets].mean():.4f}")
print(torch.unique(preds, return_counts=True))
print(torch.histc(conf, bins=5, min=0, max=1))
weights = torch.bincount(targets).float()
print(weights, (1.0 / weights) / (1.0 / weights).sum())
print(torch.bincount(targets, weights=conf, minlength=5))
print(F.nll_loss(probs.log(), targets), F.cross_entropy(logits, targets))
sorted_conf, order = conf.sort(descending=True)
print(sorted_conf[:5], order[:5])
print((preds == targets)[order].float().cumsum(0)[:10])
