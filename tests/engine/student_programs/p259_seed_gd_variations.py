import math
import torch

# 講義の勾配降下法を学生がいろいろに書き換えたもの: f(x) = x^2 + e^{-x}
def f(x):
    return x ** 2 + torch.exp(-x)

# (1) x.data を更新 (講義の書き方)
x = torch.tensor(3.0, requires_grad=True)
for i in range(2001):
    y = f(x)
    y.backward()
    x.data = x.data - 0.01 * x.grad
    x.grad.zero_()
    if i % 500 == 0:
        print("x_", i, "=", x.item())

# (2) no_grad で in-place
x = torch.tensor(3.0, requires_grad=True)
for i in range(2001):
    x.grad = None
    f(x).backward()
    with torch.no_grad():
        x -= 0.01 * x.grad
print("no_grad:", x.item())

# (3) optim.SGD
x = torch.tensor(3.0, requires_grad=True)
opt = torch.optim.SGD([x], lr=0.01)
for i in range(2001):
    opt.zero_grad()
    f(x).backward()
    opt.step()
print("optim :", x.item())

# (4) 手計算の導関数 (math)
xv = 3.0
for i in range(2001):
    xv = xv - 0.01 * (2 * xv - math.exp(-xv))
print("math  :", xv)
print("f(x*) =", f(x).item(), "f'(x*) =", 2 * x.item() - math.exp(-x.item()))
