import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
print(torch.is_grad_enabled())
with torch.no_grad():
    y = w * 2
    print(torch.is_grad_enabled(), y.requires_grad, y.grad_fn)
    with torch.enable_grad():
        z = w * 3
    print(z.requires_grad, type(z.grad_fn).__name__)
torch.set_grad_enabled(False)
a = w + 1
print(a.requires_grad)
torch.set_grad_enabled(True)
b = w + 1
print(b.requires_grad, b)
with torch.set_grad_enabled(False):
    print((w ** 2).requires_grad)
with torch.inference_mode():
    c = w * 5
print(c.requires_grad, c)
d = w.detach().requires_grad_()
print(d.is_leaf, d.requires_grad, d)
e = y.clone()
print(e.requires_grad)
e.requires_grad_(True)
(e * w).sum().backward()
print(e.grad, w.grad)
