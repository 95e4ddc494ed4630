import torch

X = torch.arange(12.0).reshape(3, 4).requires_grad_()
a = X[[0, 2], 1:3]
b = X[:, [3, 0, 0]]
c = X[X > 5]
d = X[1, ::2]
e = X[torch.tensor([2, 0])][:, -1]
f = X[None, ..., 0]
print(a, b, c, d, e, f, sep="\n")
print(a.grad_fn.name(), b.grad_fn.name(), c.grad_fn.name(), d.grad_fn.name(), e.grad_fn.name(), f.grad_fn.name())
(a.sum() + b.sum() * 2 + c.sum() * 3 + d.sum() * 4 + e.sum() * 5 + f.sum() * 6).backward()
print(X.grad)
X.grad = None
rows = torch.tensor([0, 1, 2, 1])
cols = torch.tensor([3, 2, 1, 2])
X[rows, cols].sum().backward()
print(X.grad)
X.grad = None
X[[[0], [2]], [[1, 3]]].sum().backward()
print(X.grad)
X.grad = None
X.diagonal().sum().backward()
print(X.grad)
X.grad = None
X.T[1:, :2].sum().backward()
print(X.grad)
X.grad = None
torch.masked_select(X, X % 2 == 0).sum().backward()
print(X.grad)
X.grad = None
X.masked_fill(X > 6, 0.0).sum().backward()
print(X.grad)
X.grad = None
X.unbind(1)[2].sum().backward()
print(X.grad)
X.grad = None
a, b2 = X.split([1, 3], dim=1)
(a * 2).sum().backward()
print(X.grad)
X.grad = None
X.chunk(3)[1].sum().backward()
print(X.grad)
X.grad = None
X.narrow(1, 1, 2).sum().backward()
print(X.grad)
X.grad = None
X[range(3), [0, 1, 3]].sum().backward()
print(X.grad)
try:
    X[3]
except IndexError as e:
    print(type(e).__name__, e)
try:
    X[:, 4]
except IndexError as e:
    print(type(e).__name__, e)
try:
    X[[0, 5]]
except IndexError as e:
    print(type(e).__name__, e)
try:
    X[torch.tensor([True, False])]
except IndexError as e:
    print(type(e).__name__, e)
try:
    X[0.5]
except Exception as e:
    print(type(e).__name__, e)
