import numpy as np
import torch
np.random.seed(0)
torch.manual_seed(0)
a = np.random.randn(3, 2)
t = torch.from_numpy(a)
print(t, t.dtype)
a[0, 0] = 100.0
print(t[0])
w = torch.randn(2, requires_grad=True)
out = t.float() @ w
print(out)
try:
    print(out.numpy())
except RuntimeError as e:
    print("error:", e)
arr = out.detach().numpy()
print(type(arr), arr.dtype, arr.round(3))
s = np.float64(2.5) * torch.ones(2)
print(s, s.dtype)
print(torch.ones(2) * np.float32(1.5))
print(torch.tensor(np.arange(4)) + 1)
print(torch.as_tensor([1.0, 2.0]).numpy().sum())
x = torch.randn(3)
n = x.numpy()
x.add_(1)
print(np.allclose(n, x.numpy()))
print(torch.tensor(np.array([True, False])))
print(np.mean(torch.arange(5.0).numpy()))
# feed numpy images straight into a small conv net (forgot .float())
import torch.nn as nn
imgs = torch.from_numpy(np.random.rand(2, 1, 5, 5))
print(imgs.dtype)
try:
    nn.BatchNorm1d(3)(torch.from_numpy(np.random.randn(4, 3)))
    print("batchnorm accepted double input")
except RuntimeError as e:
    print("batchnorm:", e)
net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU())
print(net(imgs).shape)
