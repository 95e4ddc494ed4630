import torch

# Newton's method with autograd second derivative
x = torch.tensor(3.0, requires_grad=True)
def f(x):
    return x ** 4 - 3 * x ** 2 + x
for i in range(6):
    y = f(x)
    g, = torch.autograd.grad(y, x, create_graph=True)
    h, = torch.autograd.grad(g, x)
    with torch.no_grad():
        x -= g / h
    print(f"iter {i}: x = {x.item():.6f}, f = {f(x).item():.6f}")
