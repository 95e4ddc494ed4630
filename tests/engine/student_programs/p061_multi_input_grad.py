import torch

x1 = torch.tensor(1.0, requires_grad=True)
x2 = torch.tensor(2.0, requires_grad=True)
x3 = torch.tensor(3.0, requires_grad=True)
y = x1 ** 2 + x2 ** 2 + x3 ** 2
y.backward()
print(x1.grad.item())
print(x2.grad.item())
print(x3.grad.item())
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
f = a * b + a ** b
grads = torch.autograd.grad(f, [a, b])
print(grads)
print([f"{g.item():.4f}" for g in grads])
c = torch.tensor(1.0, requires_grad=True)
out = a * 2
try:
    torch.autograd.grad(out, [a, c])
except RuntimeError as e:
    print("RuntimeError:", e)
out = a * 2
print(torch.autograd.grad(out, [a, c], allow_unused=True))
