# custom loss functions written as functions and as nn.Module, compared with built-ins
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

def my_mse(pred, target):
    return ((pred - target) ** 2).mean()

def my_cross_entropy(logits, target):
    log_probs = logits - logits.logsumexp(dim=1, keepdim=True)
    return -log_probs[torch.arange(len(target)), target].mean()

class FocalLoss(nn.Module):
    def __init__(self, gamma=2.0, reduction="mean"):
        super().__init__()
        self.gamma = gamma
        self.reduction = reduction

    def forward(self, logits, target):
        logp = F.log_softmax(logits, dim=-1)
        logp_t = logp.gather(1, target.unsqueeze(1)).squeeze(1)
        loss = -((1 - logp_t.exp()) ** self.gamma) * logp_t
        return loss.mean() if self.reduction == "mean" else loss.sum()

    def extra_repr(self):
        return f"gamma={self.gamma}, reduction={self.reduction!r}"

class HuberLoss(nn.Module):
    def __init__(self, delta=1.0):
        super().__init__()
        self.delta = delta

    def forward(self, pred, target):
        err = (pred - target).abs()
        quad = torch.clamp(err, max=self.delta)
        return (0.5 * quad ** 2 + self.delta * (err - quad)).mean()

pred = torch.randn(6, requires_grad=True)
target = torch.randn(6) * 2
print(my_mse(pred, target), F.mse_loss(pred, target))
print(HuberLoss(0.5)(pred, target), F.huber_loss(pred, target, delta=0.5), F.smooth_l1_loss(pred, target, beta=0.5))
logits = torch.randn(5, 4, requires_grad=True)
labels = torch.tensor([0, 3, 1, 1, 2])
print(my_cross_entropy(logits, labels), F.cross_entropy(logits, labels))
fl = FocalLoss()
print(fl)
print(fl(logits, labels), FocalLoss(gamma=0.0, reduction="sum")(logits, labels), F.cross_entropy(logits, labels, reduction="sum"))
loss = fl(logits, labels) + HuberLoss()(pred, target)
loss.backward()
print(logits.grad)
print(pred.grad)
g1 = torch.autograd.grad(my_cross_entropy(logits, labels), logits)[0]
g2 = torch.autograd.grad(F.cross_entropy(logits, labels), logits)[0]
print(torch.allclose(g1, g2), (g1 - g2).abs().max())
print(F.cross_entropy(logits, labels, label_smoothing=0.1), F.cross_entropy(logits, labels, weight=torch.tensor([1., 2., 1., 0.5])))
print(F.cross_entropy(logits, torch.tensor([0, -100, 1, 1, -100])), F.cross_entropy(logits, labels, ignore_index=1))
soft = F.softmax(torch.randn(5, 4), dim=1)
print(F.cross_entropy(logits, soft))
print(F.kl_div(F.log_softmax(logits, 1), soft, reduction="batchmean"))
