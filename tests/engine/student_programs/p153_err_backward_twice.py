import torch

x = torch.tensor(3.0, requires_grad=True)
y = torch.exp(x) * x
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
w = torch.tensor([1.0, 2.0], requires_grad=True)
h = w.sigmoid()
l1 = h.sum()
l2 = (h * 2).sum()
l1.backward()
try:
    l2.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
print(w.grad)
