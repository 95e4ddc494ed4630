import torch
import warnings

x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
h = x * 2
h.retain_grad()
o = h.relu()
o.register_hook(lambda g: print("hook on o:", g))
hx = x.register_hook(lambda g: g * 10)
loss = (o ** 2).sum()
print(loss.retains_grad, h.retains_grad, x.retains_grad)
loss.backward()
print(h.grad, x.grad, o.grad)
hx.remove()
x.grad.zero_()
(x * 3).sum().backward()
print(x.grad)
grads = {}
def save(name):
    def hook(g):
        grads[name] = g.clone()
    return hook
a = torch.tensor([0.5, 1.5], requires_grad=True)
b = a.exp()
c = b * a
b.register_hook(save("b"))
c.register_hook(save("c"))
c.sum().backward()
for k, v in grads.items():
    print(k, v)
print(a.grad)
def bad(g):
    return torch.ones(5)
d = torch.tensor([1.0, 2.0], requires_grad=True)
e = d * 2
e.register_hook(bad)
try:
    e.sum().backward()
except RuntimeError as err:
    print(type(err).__name__, err)
f = torch.tensor([1.0, 2.0])
try:
    f.register_hook(lambda g: g)
except RuntimeError as err:
    print(err)
try:
    f.retain_grad()
except RuntimeError as err:
    print(err)
x2 = torch.tensor(3.0, requires_grad=True)
x2.retain_grad()
y2 = x2 ** 2
y2.backward()
print(x2.grad, x2.retains_grad)
def clip_hook(g):
    return g.clamp(-1, 1)
w = torch.tensor([0.1, 5.0, -7.0], requires_grad=True)
w.register_hook(clip_hook)
(w ** 2).sum().backward()
print(w.grad)
n = w * 1
n.register_hook(lambda g: None)
n.sum().backward()
print(w.grad)
