import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
seen = []
h = x.register_hook(lambda g: seen.append(g.clone()))
(x * 2).sum().backward()
print(seen)
print(x.grad)
h.remove()
x.grad = None
(x * 3).sum().backward()
print(len(seen), x.grad)

y = torch.tensor([1.0, -1.0], requires_grad=True)
y.register_hook(lambda g: g * 10)
(y ** 2).sum().backward()
print(y.grad)

a = torch.tensor(3.0, requires_grad=True)
b = a * 2
b.register_hook(lambda g: print("grad of b:", g))
c = b ** 2
c.backward()
print(a.grad)

p = torch.tensor([1.0, 2.0], requires_grad=True)
q = p * p
q.retain_grad()
q.register_hook(lambda g: g.clamp(max=1.0))
q.sum().backward()
print(q.grad, p.grad)
