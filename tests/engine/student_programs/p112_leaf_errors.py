import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
print(y.grad)
try:
    y.requires_grad = False
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    y.requires_grad_(False)
except RuntimeError as e:
    print("RuntimeError:", e)
x.retain_grad()
y.sum().backward()
print(x.grad)
try:
    x.grad = torch.ones(3)
except RuntimeError as e:
    print("RuntimeError:", e)
x.grad = torch.zeros(2)
print(x.grad)
try:
    x.grad = torch.zeros(2, dtype=torch.int64)
except RuntimeError as e:
    print("RuntimeError:", e)
print(x.is_leaf, y.is_leaf, y.requires_grad)
z = torch.ones(2)
print(z.is_leaf, z.grad_fn, z.grad)
with torch.no_grad():
    w = x * 2
print(w.is_leaf, w.requires_grad)
