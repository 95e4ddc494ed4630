import torch
import numpy as np

a = np.array([1.0, 2.0, 3.0])
t = torch.from_numpy(a)
print(t, t.dtype)
a[0] = 100.0
print(t)
t[1] = -5.0
print(a)
u = torch.tensor(a)
a[2] = 7.0
print(u, t)
b = torch.as_tensor(a)
b += 1
print(a)
n = t.numpy()
n[0] = 0.0
print(t)
print(torch.from_numpy(np.arange(3)).dtype)
print(torch.from_numpy(np.array([1, 2], dtype=np.int32)))
print(torch.from_numpy(np.array([True, False])))
f32 = torch.from_numpy(np.ones(2, dtype=np.float32))
print(f32, f32.dtype)
w = torch.tensor([1.0, 2.0], requires_grad=True)
print((w * t[:2]).dtype)
print(torch.tensor(np.float64(2.5)), torch.tensor(np.int64(3)))
