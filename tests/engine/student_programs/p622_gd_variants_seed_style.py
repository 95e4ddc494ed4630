import torch

# 第一問: f(x) = x^2 + 4x + 3 を勾配降下法で最小化
def f(x):
    return x ** 2 + 4 * x + 3

x = torch.tensor(2.0, requires_grad=True)
lr = 0.1
for i in range(50):
    y = f(x)
    y.backward()
    with torch.no_grad():
        x -= lr * x.grad
    x.grad.zero_()
    if i % 10 == 9:
        print(i + 1, x.item(), y.item())
print(x)

# 第三問: -1/(x^2+1) * log(1/(1+e^-x) + 1)
def g(x):
    return -1 / (x ** 2 + 1) * torch.log(1 / (1 + torch.exp(-x)) + 1)

x = torch.tensor(0.0, requires_grad=True)
for i in range(200):
    y = g(x)
    y.backward()
    x.data -= 0.1 * x.grad.data
    x.grad.data.zero_()
print(f"x* = {x.item():.6f}, g(x*) = {g(x).item():.6f}")
xs = torch.linspace(-3, 3, 13)
print(g(xs))
print(xs[g(xs).argmin()])

# 学習率を変えると
for lr in [0.01, 0.5, 1.0, 1.1]:
    x = torch.tensor(2.0, requires_grad=True)
    for _ in range(20):
        loss = f(x)
        loss.backward()
        with torch.no_grad():
            x.sub_(lr * x.grad)
            x.grad.zero_()
    print(f"lr={lr}: x={x.item():.6g}")
# 2 変数
p = torch.tensor([3.0, -2.0], requires_grad=True)
A = torch.tensor([[3.0, 1.0], [1.0, 2.0]])
b = torch.tensor([1.0, -1.0])
for i in range(100):
    q = 0.5 * p @ A @ p - b @ p
    q.backward()
    with torch.no_grad():
        p -= 0.2 * p.grad
        p.grad = None
print(p, torch.linalg.solve(A, b), q)
