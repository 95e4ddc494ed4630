import torch
import torch.nn as nn
torch.manual_seed(12)
logits = torch.randn(4, 3, requires_grad=True)
target = torch.tensor([0, 2, 1, 1])
ce = nn.CrossEntropyLoss()
print("ce", ce(logits, target))
print("ce smoothing", nn.CrossEntropyLoss(label_smoothing=0.1)(logits, target))
print("ce probs target", ce(logits, torch.softmax(torch.randn(4, 3), 1)))
mse = nn.MSELoss()
pred = torch.randn(4)
for msg, fn in [
    ("mse long target", lambda: mse(pred, torch.tensor([1, 0, 1, 0]))),
    ("ce float target 1d", lambda: ce(logits, target.float())),
    ("mse shape", lambda: mse(pred, torch.randn(4, 1))),
    ("bce out of range", lambda: nn.BCELoss()(torch.tensor([1.5]), torch.tensor([1.0]))),
    ("nll", lambda: nn.NLLLoss()(logits.log_softmax(1), target)),
    ("ce wrong class", lambda: ce(logits, torch.tensor([0, 3, 1, 1]))),
]:
    try:
        print(msg, "->", fn())
    except Exception as e:
        print(msg, "->", type(e).__name__, ":", e)
bce = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0]))
print(bce(torch.randn(5), torch.randint(0, 2, (5,)).float()))
print(mse(pred, torch.randn(4, 1)))
ce(logits, target.view(4, 1))
