import numpy as np
import torch

xs = np.linspace(0, 1, 5)
t = torch.from_numpy(xs)
print(t, t.dtype)
w = torch.tensor(0.5, requires_grad=True)
y = w * t
print(y, y.dtype)
y.sum().backward()
print(w.grad, w.grad.dtype)
A = np.array([[1, 2], [3, 4]])
ta = torch.tensor(A)
print(ta, ta.dtype, torch.as_tensor(A, dtype=torch.float32))
W = torch.ones(2, 2, requires_grad=True)
try:
    print(torch.from_numpy(A.astype(np.float64)) @ W)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    print(ta @ W)
except RuntimeError as e:
    print(type(e).__name__, e)
print((torch.from_numpy(A).float() @ W).sum())
n = np.float64(2.5)
print(w * n, (w * n).dtype, type(n * w).__name__ if not isinstance(n * w, np.ndarray) else "ndarray")
print(torch.tensor(np.float32(1.5)), torch.tensor(np.int64(3)), torch.tensor(np.array(2.0)))
g = w.grad.numpy()
print(g, type(g).__name__, g.shape, g.dtype)
v = torch.arange(6.0).reshape(2, 3)
a = v.numpy()
a[0, 0] = 100
print(v)
print(np.asarray(v).sum(), np.mean(v.numpy()), float(v.sum()), int(v[1, 2]))
lst = [np.float32(0.1), np.float32(0.2)]
print(torch.tensor(lst), torch.tensor([np.float64(0.1), 0.2]).dtype)
print(torch.tensor(np.array([True, False])), torch.from_numpy(np.array([1, 2], dtype=np.int32)))
try:
    np.array(torch.tensor([1.0], requires_grad=True))
except RuntimeError as e:
    print(e)
print(np.array(torch.tensor([1.0], requires_grad=True).detach()))
print(torch.tensor(3.0).numpy(), torch.tensor([[1.0]]).numpy().tolist())
r = np.random.default_rng(0).normal(size=(3,)).astype(np.float32)
tr = torch.from_numpy(r).requires_grad_()
(tr ** 2).sum().backward()
print(np.allclose(tr.grad.numpy(), 2 * r), tr.grad.numpy().dtype)
print(torch.zeros(3).numpy().dtype, torch.tensor(np.zeros(3)).dtype, torch.Tensor(np.zeros(3)).dtype, torch.FloatTensor([1, 2]))
