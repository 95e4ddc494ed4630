# channel dropout for sequences (Dropout1d) and AlphaDropout for SELU networks, train vs eval
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(42)
x = torch.randn(2, 4, 5, requires_grad=True)
d1 = nn.Dropout1d(p=0.5)
print(d1)
y = d1(x)
print(y)
kept = (y != 0).any(dim=2)
print(kept)
y.sum().backward()
print(x.grad[0])
print(F.dropout1d(torch.ones(3, 4), 0.5))
ad = nn.AlphaDropout(0.2)
print(ad)
z = ad(x)
print(z, z.grad_fn.name())
print(round(z.mean().item(), 4), round(z.std().item(), 4))
ad.eval()
print(torch.equal(ad(x), x))
print(F.alpha_dropout(x, 0.5) is x)
net = nn.Sequential(nn.Linear(5, 5), nn.SELU(), nn.AlphaDropout(0.1))
print(net)
out = net(torch.randn(3, 5))
print(out.shape, out.grad_fn.name())
try:
    F.dropout1d(torch.ones(2, 3, 4, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    nn.AlphaDropout(1.5)
except ValueError as e:
    print("ValueError:", e)
