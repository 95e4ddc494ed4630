import torch

def f(x):
    return x ** 4 - 3 * x ** 2 + x

x = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
for it in range(8):
    y = f(x)
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    (h,) = torch.autograd.grad(g, x)
    with torch.no_grad():
        x -= g / h
    print(f"{it} x={x.item():.12f} f={y.item():.10f} g={g.item():.3e}")
print(x)
x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
for it in range(6):
    y = torch.cos(x) - x
    y.backward()
    with torch.no_grad():
        x -= y / x.grad
    x.grad.zero_()
    print(it, x.item(), y.item())
print(x)
p = torch.tensor([1.0, 1.0], dtype=torch.float64, requires_grad=True)
def rosen(p):
    return (1 - p[0]) ** 2 + 10 * (p[1] - p[0] ** 2) ** 2
for it in range(6):
    H = torch.autograd.functional.hessian(rosen, p.detach() * 0 + p.detach() - 0.5 * (it == 0))
    break
q = torch.tensor([-0.5, 1.5], dtype=torch.float64)
for it in range(6):
    qq = q.clone().requires_grad_(True)
    val = rosen(qq)
    g, = torch.autograd.grad(val, qq)
    H = torch.autograd.functional.hessian(rosen, q)
    step = torch.linalg.solve(H, g)
    q = q - step
    print(it, q, val.item())
print(H)
