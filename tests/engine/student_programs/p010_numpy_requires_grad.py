import torch
import numpy as np

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
try:
    y.numpy()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    x.numpy()
except RuntimeError as e:
    print("RuntimeError:", e)
print(y.detach().numpy())
print(x.detach().numpy().dtype)
print(y.tolist())
print(x.data.numpy())
arr = np.array([1.5, 2.5])
t = torch.from_numpy(arr)
print(t)
arr[0] = 100
print(t)
print(torch.tensor(arr))
