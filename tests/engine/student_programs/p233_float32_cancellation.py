import torch

# float32 で差分をとると桁落ちで大きく外れる
def f(x):
    return x ** 2

for dtype in [torch.float32, torch.float64]:
    x = torch.tensor(2.0, dtype=dtype)
    print(dtype)
    for h in [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6]:
        d = (f(x + h) - f(x)) / h
        c = (f(x + h) - f(x - h)) / (2 * h)
        print(f"  h={h:.0e} forward={d.item():.7f} central={c.item():.7f}")

xg = torch.tensor(2.0, requires_grad=True)
f(xg).backward()
print("autograd:", xg.grad.item())
print(torch.finfo(torch.float32).eps, torch.finfo(torch.float64).eps)
