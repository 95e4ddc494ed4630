import torch

# in-place on a slice of a non-leaf (graph records CopySlices)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = w * 2
h[0].mul_(10)
print(h)
h.sum().backward()
print("w.grad", w.grad)

w.grad = None
h = w * 2
h[1:] *= 3
print(h)
h.sum().backward()
print("w.grad", w.grad)

w.grad = None
out = torch.stack([w, w ** 2])
out[:, 0].zero_()
print(out)
out.sum().backward()
print(w.grad)

# relu by hand in place on a view
x = torch.tensor([[-1.0, 2.0], [3.0, -4.0]], requires_grad=True)
y = x * 1.0
y.view(-1).clamp_(min=0)
print(y)
y.sum().backward()
print(x.grad)

# views of a leaf
try:
    w[0].mul_(2)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    w.view(3, 1).add_(1)
except RuntimeError as e:
    print("RuntimeError:", e)
with torch.no_grad():
    w[0].mul_(2)
    w.view(3, 1).add_(1)
print(w)
