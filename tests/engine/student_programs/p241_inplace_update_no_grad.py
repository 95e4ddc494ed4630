import torch

# y = 2x + 1 を手書きの更新で学習 (with torch.no_grad() の中で in-place 更新)
x = torch.linspace(0, 1, 11)
y = 2 * x + 1

w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
lr = 0.5
for epoch in range(101):
    pred = w * x + b
    loss = ((pred - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    if epoch % 20 == 0:
        print(f"epoch {epoch:3d} loss {loss.item():.6f} w {w.item():.4f} b {b.item():.4f}")
print(w, b)
print(w.is_leaf, w.requires_grad, w.grad)

# 下限・上限をテンソルで与えた clamp (境界ちょうどの点の勾配も確認)
v = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
low = torch.tensor(1.0, requires_grad=True)
high = torch.tensor([2.0, 2.0, 2.0, 2.5], requires_grad=True)
c = torch.clamp(v, min=low, max=high)
print(c)
(c * torch.tensor([1.0, 10.0, 100.0, 1000.0])).sum().backward()
print(v.grad, low.grad, high.grad)
