import torch

@torch.no_grad()
def update(p, lr):
    p -= lr * p.grad
    return p * 2

w = torch.tensor([1.0, 2.0], requires_grad=True)
(w ** 2).sum().backward()
out = update(w, 0.1)
print(w)
print(out, out.requires_grad)
print(update.__name__)

@torch.no_grad()
def f(x):
    return x * 3

print(f(w).requires_grad)

@torch.enable_grad()
def g(x):
    return x * 3

with torch.no_grad():
    print(g(w).requires_grad)
    print(torch.is_grad_enabled())
print(torch.is_grad_enabled())

@torch.inference_mode()
def h(x):
    return x + 1

print(h(w).requires_grad)
