import torch
import torch.nn as nn
import torch.nn.functional as F

pred = torch.tensor([[0.2, 0.8], [0.6, 0.4], [0.1, 0.9]], requires_grad=True)
labels = torch.tensor([1, 0, 1])

ce = nn.CrossEntropyLoss()
loss = ce(pred, labels)
print("CE:", loss)

# float targets as probabilities are allowed
soft = torch.tensor([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
print("CE soft:", ce(pred, soft))

try:
    print(ce(pred, labels.float()))
except Exception as e:
    print(type(e).__name__, e)

try:
    ce(pred, labels.int())
    print("int32 labels ok")
except Exception as e:
    print(type(e).__name__, e)

mse = nn.MSELoss()
target_long = torch.tensor([[0, 1], [1, 0], [0, 1]])
try:
    print(mse(pred, target_long))
except Exception as e:
    print(type(e).__name__, e)

try:
    l = mse(pred, target_long)
    l.backward()
    print(pred.grad)
except Exception as e:
    print(type(e).__name__, e)

try:
    F.nll_loss(F.log_softmax(pred, dim=1), labels.float())
except Exception as e:
    print(type(e).__name__, e)

bce = nn.BCELoss()
try:
    print(bce(torch.sigmoid(pred[:, 1]), labels))
except Exception as e:
    print(type(e).__name__, e)
print(bce(torch.sigmoid(pred[:, 1]), labels.float()))

try:
    print(F.l1_loss(pred, target_long.double()))
except Exception as e:
    print(type(e).__name__, e)
print(F.mse_loss(pred.double(), target_long.double()))
ce(pred.double(), labels)
print(ce(pred.double(), labels))
ce(pred, torch.tensor([1.0, 0.0, 1.0]))
