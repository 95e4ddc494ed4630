import torch
import math

funcs = {
    "sin(x)": lambda x: torch.sin(x),
    "x^3": lambda x: x ** 3,
    "exp(-x^2)": lambda x: torch.exp(-x ** 2),
    "log(1+x^2)": lambda x: torch.log(1 + x ** 2),
    "tanh(x)": torch.tanh,
    "sigmoid": torch.sigmoid,
    "|x|": torch.abs,
}
points = [0.0, 0.5, 1.0]
hs = [1e-1, 1e-2, 1e-3, 1e-4]

for name, fn in funcs.items():
    print(f"== {name}")
    for p in points:
        x = torch.tensor(p, dtype=torch.float64, requires_grad=True)
        y = fn(x)
        y.backward()
        auto = x.grad.item()
        row = []
        for h in hs:
            with torch.no_grad():
                xp = torch.tensor(p + h, dtype=torch.float64)
                xm = torch.tensor(p - h, dtype=torch.float64)
                fd = (fn(xp) - fn(xm)) / (2 * h)
            row.append(abs(fd.item() - auto))
        print(f"x={p:4.1f} auto={auto: .6f} " + " ".join(f"{e:.2e}" for e in row))

print("float32 forward differences:")
for h in [1e-1, 1e-2, 1e-3, 1e-4, 1e-5]:
    x = torch.tensor(1.0)
    fd = (torch.sin(x + h) - torch.sin(x)) / h
    print(f"h={h:.0e} fd={fd.item():.6f} err={abs(fd.item() - math.cos(1.0)):.2e}")

x = torch.linspace(-1, 1, 5, requires_grad=True)
y = x ** 2 * torch.cos(x)
y.sum().backward()
fd = ((x + 1e-3) ** 2 * torch.cos(x + 1e-3) - (x - 1e-3) ** 2 * torch.cos(x - 1e-3)) / 2e-3
print(x.grad)
print(fd.detach())
print(torch.allclose(x.grad, fd, atol=1e-3))
print((x.grad - fd).abs().max() < 1e-2)
