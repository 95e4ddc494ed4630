import torch
from torch.autograd.functional import hessian
torch.manual_seed(31)
A = torch.randn(3, 3, dtype=torch.float64)
Q = A @ A.T + 3 * torch.eye(3, dtype=torch.float64)
b = torch.randn(3, dtype=torch.float64)
def f(x):
    return 0.5 * x @ Q @ x - b @ x + 0.1 * (x ** 4).sum()
x = torch.zeros(3, dtype=torch.float64, requires_grad=True)
for it in range(6):
    fx = f(x)
    g, = torch.autograd.grad(fx, x)
    H = hessian(f, x.detach())
    step = torch.linalg.solve(H, g)
    with torch.no_grad():
        x = x - step
    x.requires_grad_(True)
    print(f"it {it}: f={fx.item():.10f} converged={g.norm().item() < 1e-12}")
print("x*", x)
print("eigs of H", torch.linalg.eigvalsh(H))
print(torch.linalg.solve(Q, b))
