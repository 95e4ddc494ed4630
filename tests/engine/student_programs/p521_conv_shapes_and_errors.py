import torch
import torch.nn as nn
torch.manual_seed(13)
img = torch.randn(2, 3, 10, 10)
for k, s, p in [(3, 1, 0), (3, 2, 1), (5, 1, 2), (2, 2, 0)]:
    conv = nn.Conv2d(3, 6, k, stride=s, padding=p)
    out = conv(img)
    print(f"k={k} s={s} p={p} -> {tuple(out.shape)} mean={out.mean().item():.4f}")
pool = nn.MaxPool2d(kernel_size=2, stride=2)
print(pool(img).shape)
ap = nn.AvgPool2d(3)
print(ap(img)[0, 0])
c = nn.Conv2d(3, 2, 3, bias=False)
with torch.no_grad():
    c.weight.fill_(0.1)
print(c(torch.ones(1, 3, 4, 4)))
seq = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(4 * 4 * 4, 2))
o = seq(img)
print(o)
o.sum().backward()
print(seq[0].bias.grad)
print(seq[0].weight.grad.shape, seq[0].weight.grad.abs().sum())
bad = nn.Conv2d(1, 2, 3)
bad(img)
