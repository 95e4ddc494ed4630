# common mistakes: catch and print them
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
lin = nn.Linear(4, 3)
try:
    lin(torch.randn(5, 3))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    lin(torch.randn(4))
except RuntimeError as e:
    print(type(e).__name__, e)
print(lin(torch.randn(4)).shape)
try:
    lin(torch.randn(2, 4, dtype=torch.float64))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    lin(torch.arange(8).reshape(2, 4))
except RuntimeError as e:
    print(type(e).__name__, e)

logits = torch.randn(4, 3, requires_grad=True)
target_f = torch.tensor([0., 2., 1., 1.])
try:
    F.nll_loss(F.log_softmax(logits, 1), target_f)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    F.cross_entropy(logits, target_f)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.MSELoss()(logits, torch.tensor([0, 2, 1, 1]))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    F.cross_entropy(logits, torch.tensor([0, 3, 1, 1]))
except IndexError as e:
    print(type(e).__name__, e)
try:
    F.binary_cross_entropy(torch.sigmoid(logits[:, 0]), torch.tensor([1, 0, 1, 0]))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    F.binary_cross_entropy(torch.sigmoid(logits[:, 0]), torch.tensor([1., 0., 1.]))
except ValueError as e:
    print(type(e).__name__, e)
loss = F.cross_entropy(logits, target_f.long())
loss.backward()
try:
    loss.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.Linear(3, 2)(torch.randn(2, 3)).backward()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.Conv2d(3, 8, 3)(torch.randn(1, 1, 8, 8))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.Conv2d(1, 8, 3)(torch.randn(8, 8))
except RuntimeError as e:
    print(type(e).__name__, e)
logit = nn.Linear(4, 1)(torch.randn(6, 4))
labels = torch.randint(0, 2, (6,)).float()
try:
    nn.BCEWithLogitsLoss()(logit, labels)
except ValueError as e:
    print(type(e).__name__, e)
print(nn.BCEWithLogitsLoss()(logit.squeeze(1), labels).shape)
try:
    nn.Sequential(nn.Linear(4, 5), nn.BatchNorm1d(4))(torch.randn(3, 4))
except RuntimeError as e:
    print(type(e).__name__, e)
