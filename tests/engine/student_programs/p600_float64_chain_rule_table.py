import torch
import math

# 連鎖律: f(x) = sin(x^2) * exp(-x) を float64 で
torch.set_default_dtype(torch.float64)
xs = torch.linspace(-2, 2, 9, requires_grad=True)
print(xs.dtype, xs)
f = torch.sin(xs ** 2) * torch.exp(-xs)
f.sum().backward()
print(f)
print(xs.grad)
analytic = (2 * xs * torch.cos(xs ** 2) * torch.exp(-xs) - torch.sin(xs ** 2) * torch.exp(-xs)).detach()
print(torch.allclose(xs.grad, analytic), (xs.grad - analytic).abs().max())
for x, g in zip(xs.tolist(), xs.grad.tolist()):
    print(f"x={x:+.2f}  f'(x)={g:.10f}  {g:e}")
y = torch.tensor(1.0)
print(y.dtype, torch.tensor([1, 2]).dtype, torch.tensor([1.5]).dtype, torch.get_default_dtype())
torch.set_default_dtype(torch.float32)
z = torch.tensor(1.0)
print(z.dtype, (z + y).dtype, (y * 2).dtype)
w = torch.tensor(0.1, dtype=torch.float64, requires_grad=True)
u = w * torch.tensor(3.0)
print(u, u.dtype)
u.backward()
print(w.grad, w.grad.dtype)
print(torch.tensor(1/3, dtype=torch.float64), torch.tensor(1/3))
print(torch.tensor([1/3, 2e-8], dtype=torch.float64))
print(torch.tensor([math.pi * 1e10, 1.0], dtype=torch.float64))
