import numpy as np
import torch

a = np.array([1.0, 2.0, 3.0])
t = torch.from_numpy(a)
print(t, t.dtype)
a[0] = 100.0
print("after numpy edit:", t)
t[1] = -5
print("after torch edit:", a)
t.add_(1)
print(a)

b = np.arange(6, dtype=np.float32).reshape(2, 3)
tb = torch.tensor(b)
b[0, 0] = 42
print(tb)
tc = torch.as_tensor(b)
b[1, 2] = -1
print(tc)

w = torch.tensor([0.5, 1.5], requires_grad=True)
try:
    w.numpy()
except RuntimeError as e:
    print("RuntimeError:", e)
wn = w.detach().numpy()
print(wn, type(wn), wn.dtype)
with torch.no_grad():
    w.mul_(2)
print(wn)

x64 = np.float64(0.1)
s = torch.tensor([1.0, 2.0]) * x64
print(s, s.dtype)
s2 = torch.tensor([1.0, 2.0]) + np.float32(0.5)
print(s2, s2.dtype)
print(type(torch.tensor(3.5).item()), torch.tensor([1.0, 2.0]).numpy().tolist())
arr = np.linspace(0, 1, 5)
tt = torch.from_numpy(arr).float()
print(tt)
mixed = torch.tensor(arr) + torch.ones(5)
print(mixed.dtype, mixed)
print(np.array(torch.arange(4)))
print(torch.tensor([1, 2, 3]).numpy().dtype)
print(np.mean(torch.tensor([1.0, 2.0, 4.0]).numpy()))
m = torch.from_numpy(np.array([[1, 2], [3, 4]]))
print(m, m.dtype)
print(torch.from_numpy(np.array([True, False])))
print(float(torch.tensor([2.5])), int(torch.tensor(7.9)))
grid = torch.arange(0, 3, 0.1)
print(grid.numpy())
print(np.allclose(grid.numpy(), np.arange(0, 3, 0.1)), (grid == 0.9).any().item())
y = torch.tensor([1.0, 2.0], requires_grad=True) * 2
print(y.detach().numpy() * 2)
print(y.numpy())
