import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
print(w.grad)
for step in range(3):
    loss = (w ** 2).sum()
    loss.backward()
    print(step, w.grad)
w.grad.zero_()
print(w.grad)
w.grad = None
try:
    w.grad.zero_()
except AttributeError as e:
    print(type(e).__name__, e)
(w * 3).sum().backward()
g = w.grad
(w * 3).sum().backward()
print(g, w.grad, g is w.grad)
w.grad.data.zero_()
print(g)
w.grad = torch.zeros(2)
(w * w).sum().backward()
print(w.grad)
try:
    w.grad = torch.zeros(3)
except RuntimeError as e:
    print(e)
try:
    w.grad = torch.zeros(2, dtype=torch.float64)
except RuntimeError as e:
    print(e)
try:
    w.grad = [0.0, 0.0]
except TypeError as e:
    print(e)
v = torch.tensor(1.0, requires_grad=True)
total = 0.0
for i in range(1, 5):
    out = v * i
    out.backward()
    total += i
    print(f"i={i} grad={v.grad.item():.1f} expected={total:.1f}")
opt = torch.optim.SGD([v], lr=0.1)
opt.zero_grad()
print(v.grad)
(v * 2).backward()
opt.zero_grad(set_to_none=False)
print(v.grad)
lin = torch.nn.Linear(2, 1)
lin.weight.data.fill_(0.5)
lin.bias.data.zero_()
for _ in range(2):
    lin(torch.ones(1, 2)).sum().backward()
print(lin.weight.grad, lin.bias.grad)
lin.zero_grad()
print(lin.weight.grad, lin.bias.grad)
