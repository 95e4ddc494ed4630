import torch

x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
h = x * 2
o = (h ** 2).sum()
o.backward()
print(x.grad, h.grad, o.grad)
print(h.is_leaf, o.is_leaf, x.is_leaf)
x.grad.zero_()
print(x.grad)
(x ** 3).sum().backward()
print(x.grad)
x.grad = None
(x.abs()).sum().backward()
print(x.grad)
x.grad.data.zero_()
print(x.grad)
x.grad.add_(5)
(x * 0).sum().backward()
print(x.grad)
y = x.detach().requires_grad_()
print(y.is_leaf, y.requires_grad, y.grad)
z = x.clone()
print(z.is_leaf, z.requires_grad, z.grad_fn.name())
m = torch.nn.Linear(3, 2)
print(m.weight.grad)
m(x.unsqueeze(0)).sum().backward()
print(m.weight.grad is not None, m.bias.grad)
m.zero_grad(set_to_none=False)
print(m.bias.grad)
m.zero_grad()
print(m.bias.grad)
m.requires_grad_(False)
out = m(x.unsqueeze(0))
print(out.requires_grad, out.grad_fn.name() if out.grad_fn else None)
with torch.no_grad():
    out2 = m(torch.ones(1, 3))
print(out2.requires_grad, out2.grad_fn)
leaf = torch.ones(2, requires_grad=True)
inter = leaf * 3
inter.retain_grad()
res = inter.sum() * 2
res.backward(retain_graph=True)
print(inter.grad, leaf.grad)
res.backward()
print(inter.grad, leaf.grad)
print(torch.is_grad_enabled())
with torch.enable_grad():
    print(torch.is_grad_enabled())
with torch.set_grad_enabled(False):
    print(torch.is_grad_enabled(), (leaf * 2).requires_grad)
with torch.inference_mode():
    t = leaf * 2
print(t.requires_grad, t.is_inference())
