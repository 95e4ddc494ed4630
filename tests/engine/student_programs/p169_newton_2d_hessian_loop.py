import torch

def f(v):
    x, y = v[0], v[1]
    return x ** 4 + x * y + (1 + y) ** 2

v = torch.tensor([0.75, -1.25], requires_grad=True)
for it in range(5):
    val = f(v)
    g = torch.autograd.grad(val, v, create_graph=True)[0]
    rows = []
    for i in range(2):
        hi = torch.autograd.grad(g[i], v, retain_graph=True)[0]
        rows.append(hi)
    H = torch.stack(rows)
    step = torch.linalg.solve(H, g.detach())
    with torch.no_grad():
        v -= step
    print(it, v.detach(), f"{val.item():.6f}", g.detach().norm().item() < 1e-4)
print(H)
print(g.detach().abs().max() < 1e-4, g.grad_fn.name())
print(torch.autograd.functional.hessian(f, v.detach()))
