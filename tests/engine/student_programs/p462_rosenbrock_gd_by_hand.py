import torch

def rosenbrock(x, y, a=1.0, b=100.0):
    return (a - x) ** 2 + b * (y - x ** 2) ** 2

x = torch.tensor(-1.5, requires_grad=True)
y = torch.tensor(2.0, requires_grad=True)
lr = 0.001
print("iter |      x      |      y      |     f(x,y)")
for it in range(2001):
    f = rosenbrock(x, y)
    f.backward()
    if it % 200 == 0:
        print(f"{it:4d} | {x.item():11.6f} | {y.item():11.6f} | {f.item():12.6f}")
    with torch.no_grad():
        x -= lr * x.grad
        y -= lr * y.grad
    x.grad.zero_()
    y.grad.zero_()
print("final:", x, y)
print("grad at final:", torch.autograd.grad(rosenbrock(x, y), [x, y]))

# vectorised version
p = torch.tensor([-1.5, 2.0], requires_grad=True)
hist = []
for it in range(500):
    f = rosenbrock(p[0], p[1])
    g, = torch.autograd.grad(f, p)
    with torch.no_grad():
        p.sub_(lr * g)
    if it % 100 == 99:
        hist.append((it + 1, [round(v, 4) for v in p.tolist()], round(f.item(), 4)))
for h in hist:
    print(h)
print(p.detach())
print(f"{rosenbrock(*p).item():.4e}")
