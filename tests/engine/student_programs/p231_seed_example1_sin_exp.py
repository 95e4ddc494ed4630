import torch

# 例1) f(x) = sin((x + 2) + (1 + e^{x^2})) の微分をいくつかの点で
def f(x):
    return torch.sin((x + 2) + (1 + torch.exp(x ** 2)))

for v in [0.0, 0.5, 1.0, 1.5, 2.0]:
    x = torch.tensor(v, requires_grad=True)
    y = f(x)
    y.backward()
    print(f"x={v:.1f}  f(x)={y.item():.6f}  f'(x)={x.grad.item():.6f}")

x = torch.tensor(2.0, requires_grad=True)
y = f(x)
y.backward()
print(y)
print(x.grad)
print(x.grad.item())
# スライドの通りに書くと...
print(x.grad())
