import torch
import numpy as np

a = np.array([[1.0, 2.0], [3.0, 4.0]])
t = torch.from_numpy(a)
print(t, t.dtype)
t2 = torch.tensor(a, dtype=torch.float32)
print(t2)
f = np.float32(2.5)
print(torch.tensor(f))
print(torch.tensor(np.arange(3)))
print(torch.as_tensor([1, 2, 3]))
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x ** 2).sum()
y.backward()
g = x.grad.numpy()
print(g, type(g), g.dtype)
print(np.mean(x.detach().numpy()))
print(np.array(torch.tensor([1.0, 2.0])))
n = torch.ones(3).numpy()
n[0] = 5
print(n)
print(torch.tensor(np.array(3.0)))
print(torch.tensor([np.float64(1.0), np.float64(2.0)]))
