import torch

w = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
h = w * 2
h.relu_()
print(h, h.grad_fn.name())
h.sum().backward()
print(w.grad)
v = torch.tensor([1.0, -1.0], requires_grad=True)
with torch.no_grad():
    v.clamp_(min=0)
print(v)
v.clamp_(min=0)
