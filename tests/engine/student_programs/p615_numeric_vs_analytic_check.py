import torch

def f(x):
    return (x[0] ** 2) * torch.sin(x[1]) + torch.exp(x[0] * x[1]) / (1 + x[2] ** 2)

x0 = torch.tensor([0.7, -1.2, 0.3], dtype=torch.float64, requires_grad=True)
f(x0).backward()
analytic = x0.grad.clone()
for h in [1e-1, 1e-3, 1e-5, 1e-7, 1e-9]:
    num = torch.zeros(3, dtype=torch.float64)
    for i in range(3):
        e = torch.zeros(3, dtype=torch.float64)
        e[i] = h
        with torch.no_grad():
            num[i] = (f(x0 + e) - f(x0 - e)) / (2 * h)
    err = (num - analytic).abs().max().item()
    rel = err / analytic.abs().max().item()
    print(f"h={h:.0e} num={num.numpy()} err={err:.3e} rel={rel:.2e}")
print(analytic)
# float32 で同じことをすると
x1 = x0.detach().float().requires_grad_()
f(x1).backward()
for h in [1e-1, 1e-2, 1e-3, 1e-4]:
    with torch.no_grad():
        e = torch.tensor([h, 0.0, 0.0])
        d = (f(x1 + e) - f(x1 - e)) / (2 * h)
    print(f"{h:g}", d.item(), x1.grad[0].item(), abs(d.item() - x1.grad[0].item()) < 1e-2)
print(torch.autograd.gradcheck(f, (x0.detach().requires_grad_(),)))
try:
    torch.autograd.gradcheck(f, (x1.detach().requires_grad_(),))
except Exception as e:
    print(type(e).__name__, str(e)[:200])
def bad_backward_test(x):
    return x.abs()
print(torch.autograd.gradcheck(bad_backward_test, (torch.tensor([0.5, -0.2], dtype=torch.float64, requires_grad=True),)))
print(torch.autograd.gradgradcheck(lambda x: (x ** 3).sum(), (torch.tensor([0.5, -0.2], dtype=torch.float64, requires_grad=True),)))
