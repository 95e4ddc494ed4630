# batchnorm + dropout: train vs eval outputs, running stats
import torch
import torch.nn as nn

torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
print(bn)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
x = torch.randn(8, 3) * 2 + 1
out = bn(x)
print(out.mean(0).abs().max() < 1e-6, out.std(0, unbiased=False))
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
print(bn(x[:2]))
bn.train()
for _ in range(5):
    bn(torch.randn(8, 3) * 2 + 1)
print(bn.running_mean, bn.running_var)
print(bn.state_dict().keys())

bn2 = nn.BatchNorm1d(3, momentum=None, affine=False)
print(bn2)
for i in range(3):
    bn2(torch.randn(4, 3) + i)
print(bn2.running_mean, bn2.num_batches_tracked)

model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4, 1))
inp = torch.randn(6, 3)
model.train()
a = model(inp)
model.eval()
b = model(inp)
c = model(inp)
print(a.squeeze())
print(b.squeeze())
print(torch.equal(b, c), model.training, model[1].training)
try:
    model.train()
    model(torch.randn(1, 3))
except ValueError as e:
    print(type(e).__name__, e)
bn3 = nn.BatchNorm2d(2)
img = torch.randn(4, 2, 3, 3)
o = bn3(img)
print(o.mean(dim=(0, 2, 3)).abs().max() < 1e-6, bn3.running_var)
