import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x * 3
h.retain_grad()
o = (h ** 2).sum()
print(h.retains_grad, o.retains_grad, x.retains_grad)
o.backward()
print(h.grad)
print(x.grad)
k = x + 1
(k.sum()).backward()
print(k.grad)
print(k.is_leaf)
m = x * 1
m.retain_grad()
m.sum().backward(retain_graph=True)
m.sum().backward()
print(m.grad)
