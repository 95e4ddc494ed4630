import torch

# f(x) = x^4 - 3x^2 + x: ニュートン法 (2階微分も autograd) と勾配降下の比較
def f(x):
    return x ** 4 - 3 * x ** 2 + x

x = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
for it in range(6):
    (g,) = torch.autograd.grad(f(x), x, create_graph=True)
    (h,) = torch.autograd.grad(g, x)
    with torch.no_grad():
        x -= g / h
    print(f"newton {it}: x={x.item():.10f} g={g.item():+.3e} h={h.item():.4f}")

y = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
for it in range(200):
    loss = f(y)
    loss.backward()
    with torch.no_grad():
        y -= 0.01 * y.grad
    y.grad.zero_()
    if it % 50 == 49:
        print(f"gd {it + 1}: x={y.item():.10f} f={loss.item():.10f}")
print(abs(x.item() - y.item()) < 1e-6)

# 別の書き方: backward(create_graph=True) で 1 階微分をグラフつきで受け取る
z = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
f(z).backward(create_graph=True)
g = z.grad
print(g)
z.grad = None
g.backward()
print(z.grad)
print(f"newton step: {z.item() - g.item() / z.grad.item():.10f}")
