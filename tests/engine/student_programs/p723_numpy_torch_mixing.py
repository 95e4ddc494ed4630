import torch
import numpy as np

def attempt(label, fn):
    try:
        r = fn()
        print(label, "->", type(r).__name__, r)
    except Exception as e:
        print(label, "->", type(e).__name__, e)

t = torch.tensor([1.0, 2.0, 3.0])
a = np.array([1.0, 2.0, 3.0])
attempt("t + a", lambda: t + a)
attempt("a + t", lambda: a + t)
attempt("t * np.float64", lambda: t * np.float64(2.0))
attempt("np.float64 * t", lambda: np.float64(2.0) * t)
attempt("t * np.int64", lambda: t * np.int64(2))
attempt("t + np.float32", lambda: t + np.float32(0.5))
attempt("torch.add(t, a)", lambda: torch.add(t, a))
attempt("t + torch.from_numpy(a)", lambda: t + torch.from_numpy(a))
attempt("t.double + from_numpy", lambda: t.double() + torch.from_numpy(a))
attempt("np.sum(t)", lambda: np.sum(t))
attempt("np.mean(t)", lambda: np.mean(t))
attempt("np.exp(t)", lambda: np.exp(t))
attempt("np.dot", lambda: np.dot(t, t))
attempt("float(np.sum)", lambda: float(np.sum(t.numpy())))
attempt("t == a", lambda: t == torch.from_numpy(a))
attempt("torch.sin(a)", lambda: torch.sin(a))
attempt("torch.exp(2.0)", lambda: torch.exp(2.0))
attempt("torch.sqrt(torch.tensor(2))", lambda: torch.sqrt(torch.tensor(2)))
attempt("math on tensor", lambda: __import__("math").sqrt(torch.tensor(4.0)))
attempt("math on vector", lambda: __import__("math").sqrt(torch.tensor([4.0, 9.0])))
g = torch.tensor([1.0, 2.0], requires_grad=True)
attempt("np.array(g) grad", lambda: np.array(g))
attempt("g + a2", lambda: g + np.array([1.0, 1.0]))
n = torch.from_numpy(np.array([1, 2], dtype=np.int32))
print(n, n.dtype, (n * 1.5).dtype, (n + 1).dtype)
f = torch.from_numpy(np.array([0.1, 0.2]))
print(f, f.dtype, f.float(), (f + torch.tensor([1.0])).dtype)
print(torch.tensor(np.array([0.1, 0.2])).dtype, torch.tensor([0.1, 0.2]).dtype)
print(torch.from_numpy(np.array([True, False])), torch.from_numpy(np.array([1, 2], dtype=np.uint8)))
b = t.numpy()
b[0] = 100
print(t)
