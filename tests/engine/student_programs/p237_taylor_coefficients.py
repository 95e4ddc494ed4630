import math
import torch

# 0 のまわりのテイラー係数を高階微分から求める
def taylor(f, n):
    x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    y = f(x)
    coeffs = [y.item()]
    for k in range(1, n + 1):
        (y,) = torch.autograd.grad(y, x, create_graph=True)
        coeffs.append(y.item() / math.factorial(k))
    return coeffs

for name, f in [("exp", torch.exp), ("cos", torch.cos), ("1/(1-x)", lambda x: 1 / (1 - x)),
                ("log(1+x)", torch.log1p)]:
    c = taylor(f, 5)
    print(name.ljust(9), " ".join(f"{v:+.6f}" for v in c))

# 近似値と真値
c = taylor(torch.exp, 6)
for xv in [0.1, 0.5, 1.0]:
    approx = sum(ck * xv ** k for k, ck in enumerate(c))
    print(xv, approx, math.exp(xv), abs(approx - math.exp(xv)) < 2e-3)
