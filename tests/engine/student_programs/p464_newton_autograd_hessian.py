import torch
from torch.autograd.functional import hessian

def f(v):
    x, y = v[0], v[1]
    return x ** 4 + y ** 4 + x * y - 2 * x + torch.exp(0.1 * y)

v = torch.tensor([1.0, 1.0], dtype=torch.float64)
for k in range(8):
    v.requires_grad_(True)
    fv = f(v)
    g, = torch.autograd.grad(fv, v)
    H = hessian(f, v.detach())
    step = torch.linalg.solve(H, g)
    print(f"k={k} f={fv.item():.10f} |g|={g.norm().item():.3e} v={v.detach().numpy()}")
    v = (v.detach() - step)
print("H at solution:\n", H)
print("eigenvalues:", torch.linalg.eigvalsh(H))

# Newton by double backward
w = torch.tensor([2.0, -1.0], requires_grad=True)
for k in range(5):
    loss = f(w)
    g, = torch.autograd.grad(loss, w, create_graph=True)
    rows = []
    for i in range(2):
        r, = torch.autograd.grad(g[i], w, retain_graph=True)
        rows.append(r)
    Hm = torch.stack(rows)
    with torch.no_grad():
        w -= torch.linalg.inv(Hm) @ g
    print(k, w.data, f"{loss.item():.6f}")
print(torch.allclose(w.double(), v, atol=1e-4))

# 1-D Newton for root of x^3 - 2
x = torch.tensor(1.0, requires_grad=True)
for i in range(6):
    fx = x ** 3 - 2
    fx.backward()
    with torch.no_grad():
        x -= fx / x.grad
    x.grad = None
    print(i, x.item())
print("cube root of 2:", 2 ** (1 / 3))
