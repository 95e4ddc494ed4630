import torch
import numpy as np

x = torch.linspace(-2, 2, 9, requires_grad=True)
y = torch.tanh(x)
y.sum().backward()
xs = x.detach().numpy()
ys = y.detach().numpy()
dys = x.grad.numpy()
print(xs)
print(ys.round(4))
print(dys.round(4))
print(type(xs), xs.dtype, ys.shape)
t = torch.arange(0, 1, 0.25)
print(t, t.numpy().tolist())
print(torch.linspace(0, 1, 5))
print(torch.linspace(0, 1, steps=1))
print(torch.arange(10, 0, -3))
print(torch.arange(1, 2.5, 0.5))
try:
    y.numpy()
except RuntimeError as e:
    print(type(e).__name__, e)
print(np.array(y.tolist()).round(3))
