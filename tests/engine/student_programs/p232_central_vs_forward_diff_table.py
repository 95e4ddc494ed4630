import math
import torch

# 数値微分 (前進差分・中心差分) と自動微分を並べて比較する
funcs = {
    "x^3": (lambda t: t ** 3, lambda v: v ** 3),
    "sin": (lambda t: torch.sin(t), math.sin),
    "exp(-x)/(1+x^2)": (lambda t: torch.exp(-t) / (1 + t ** 2), lambda v: math.exp(-v) / (1 + v * v)),
}

def forward_diff(f, x, h):
    return (f(x + h) - f(x)) / h

def central_diff(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)

x0 = 0.7
print(f"{'func':>16} {'autograd':>12} {'forward':>12} {'central':>12}")
for name, (ft, fp) in funcs.items():
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    ft(x).backward()
    ad = x.grad.item()
    fd = forward_diff(fp, x0, 1e-6)
    cd = central_diff(fp, x0, 1e-6)
    print(f"{name:>16} {ad:12.8f} {fd:12.8f} {cd:12.8f}")
    print(f"{'':>16} err_fwd={abs(fd - ad):.2e} err_cen={abs(cd - ad):.2e}")

# h を変えたときの誤差 (float64 テンソル上で)
x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
torch.sin(x).backward()
for k in range(1, 9):
    h = 10.0 ** (-k)
    xd = torch.tensor(x0, dtype=torch.float64)
    cd = (torch.sin(xd + h) - torch.sin(xd - h)) / (2 * h)
    print(k, f"{cd.item():.12f}", f"{abs(cd.item() - x.grad.item()):.3e}")
