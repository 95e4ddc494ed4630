import torch

x = torch.tensor([1.0, 2.0])
y = (x ** 2).sum()
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    z = (w * 2).sum()
try:
    z.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
q = (w.detach() * 3).sum()
try:
    q.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
v = w * 2
try:
    v.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.autograd.grad(q, w)
except RuntimeError as e:
    print(type(e).__name__, e)
