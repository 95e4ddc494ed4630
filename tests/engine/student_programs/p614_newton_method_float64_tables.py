import torch

def f(x):
    return x ** 3 - 2 * x - 5

x = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
for it in range(6):
    y = f(x)
    (dy,) = torch.autograd.grad(y, x)
    with torch.no_grad():
        step = y / dy
        x -= step
    print(f"{it}: x = {x.item():.15f}, f(x) = {f(x).item():.3e}, step = {step.item(): .2e}")
print(x)

# 最小化: ニュートン法 g(x) = x^4 - 3x^2 + x
def g(x):
    return x ** 4 - 3 * x ** 2 + x
x = torch.tensor([1.5], dtype=torch.float64, requires_grad=True)
hist = []
for it in range(8):
    y = g(x)
    d1, = torch.autograd.grad(y, x, create_graph=True)
    d2, = torch.autograd.grad(d1, x)
    with torch.no_grad():
        x -= d1 / d2
    hist.append(x.item())
print(hist)
print(x, g(x), d1, d2)
# 2 変数ニュートン法 (Hessian)
def rosen(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
p = torch.tensor([-1.2, 1.0], dtype=torch.float64, requires_grad=True)
for it in range(7):
    val = rosen(p)
    gr = torch.autograd.grad(val, p, create_graph=True)[0]
    H = torch.stack([torch.autograd.grad(gr[i], p, retain_graph=True)[0] for i in range(2)])
    with torch.no_grad():
        p -= torch.linalg.solve(H, gr)
    print(it, p.detach().numpy(), f"{val.item():.6e}", gr.detach())
print(H)
print(torch.linalg.inv(H))
print(torch.linalg.eigvalsh(H))
print(torch.linalg.det(H).item())
print(torch.linalg.det(torch.tensor([[2.0, 1.0], [1.0, 3.0]], dtype=torch.float64)))
step = H.inverse() @ gr.detach()
print(step)
evals, evecs = torch.linalg.eigh(H)
print(evals, H.det() > 0)
