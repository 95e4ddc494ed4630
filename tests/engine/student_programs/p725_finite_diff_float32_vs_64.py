import torch

def f(x):
    return x ** 3 - 2 * x ** 2 + torch.exp(-x)

for dtype in (torch.float32, torch.float64):
    x0 = torch.tensor(1.3, dtype=dtype, requires_grad=True)
    y = f(x0)
    y.backward()
    g = x0.grad.item()
    print(dtype, "autograd", g)
    for h in (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6):
        with torch.no_grad():
            fwd = (f(x0 + h) - f(x0)) / h
            ctr = (f(x0 + h) - f(x0 - h)) / (2 * h)
        print(f"h={h:.0e} fwd={fwd.item():.8f} ctr={ctr.item():.8f} err={abs(ctr.item() - g):.3e}")
xs = torch.linspace(-1, 1, 5, dtype=torch.float64, requires_grad=True)
ys = f(xs)
ys.sum().backward()
h = 1e-6
num = (f(xs.detach() + h) - f(xs.detach() - h)) / (2 * h)
print(xs.grad)
print(num)
print(torch.allclose(xs.grad, num), (xs.grad - num).abs().max())
v = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
F = (v[0] * v[1] + v[2] ** 2).sin()
F.backward()
print(v.grad)
eps = 1e-3
for i in range(3):
    e = torch.zeros(3)
    e[i] = eps
    with torch.no_grad():
        d = ((v + e)[0] * (v + e)[1] + (v + e)[2] ** 2).sin() - ((v - e)[0] * (v - e)[1] + (v - e)[2] ** 2).sin()
    print(i, (d / (2 * eps)).item())
