import numpy as np
import torch

w = torch.tensor([0.25, -0.5, 2.0], requires_grad=True)
loss = (w ** 2).sum()
loss.backward()
print(float(loss), loss.item(), w.grad.numpy())
print(np.array(w.detach()), np.asarray(w.grad))
print(w.detach().numpy().dtype, w.tolist())
hist = []
hist.append(loss.item())
print(hist, type(hist[0]).__name__)
print(np.float32(loss.item()), np.mean(w.detach().numpy()))
arr = np.array(w)
