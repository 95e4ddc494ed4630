import torch
import numpy as np

w = torch.tensor([[1.0, 2.0]], dtype=torch.float32)
x = torch.from_numpy(np.array([[1.0], [2.0]]))
try:
    print(w @ x)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    print(torch.mm(x.T, w.T))
except RuntimeError as e:
    print(type(e).__name__, e)
lin = torch.nn.Linear(2, 1)
try:
    lin(torch.tensor([[1.0, 2.0]], dtype=torch.float64))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    lin(torch.tensor([[1, 2]]))
except RuntimeError as e:
    print(type(e).__name__, e)
print((w + x.T).dtype)
print((w * 2).dtype)
