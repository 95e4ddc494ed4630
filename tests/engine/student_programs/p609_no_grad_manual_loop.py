import torch

torch.manual_seed(0)
X = torch.linspace(-1, 1, 20).unsqueeze(1)
Y = 3 * X - 0.5 + 0.1 * torch.sin(10 * X)
w = torch.zeros(1, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.5
for epoch in range(30):
    pred = X @ w + b
    loss = ((pred - Y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if epoch % 5 == 0 or epoch == 29:
        print(f"epoch {epoch:2d} loss {loss.item():.6f} w {w.item():.5f} b {b.item():.5f}")
print(w, b)
print(w.is_leaf, w.grad, w.requires_grad)
try:
    w -= 0.1
except Exception as e:
    print(type(e).__name__, e)
# よくある間違い: loss をループの外で一度だけ計算
wb = torch.tensor(1.0, requires_grad=True)
xb = torch.tensor(2.0)
loss_once = (wb * xb - 3.0) ** 2
for i in range(3):
    loss_once.backward(retain_graph=True)
    with torch.no_grad():
        wb -= 0.05 * wb.grad
    print(i, wb.item(), wb.grad.item(), loss_once.item())
    wb.grad.zero_()
w2 = torch.tensor([1.0], requires_grad=True)
for i in range(3):
    loss = (w2 ** 2).sum()
    loss.backward()
    w2 = w2 - 0.1 * w2.grad
    print(i, w2, w2.is_leaf, w2.grad)
    try:
        pass
    finally:
        pass
try:
    loss = (w2 ** 2).sum()
    loss.backward()
    print(w2.grad)
except Exception as e:
    print(type(e).__name__, e)
w3 = torch.tensor([2.0], requires_grad=True)
for i in range(3):
    (w3 ** 2).sum().backward()
    w3.data -= 0.25 * w3.grad.data
    w3.grad.data.zero_()
    print(i, w3, w3.grad)
p = torch.tensor([1.0, -1.0], requires_grad=True)
with torch.no_grad():
    p.mul_(2).add_(1)
    q = p * 3
print(p, q, q.requires_grad, torch.is_grad_enabled())
torch.set_grad_enabled(False)
r = p * 2
print(r.requires_grad)
torch.set_grad_enabled(True)
with torch.enable_grad():
    print((p * 2).requires_grad)
with torch.inference_mode():
    s = p * 2
print(s.requires_grad, s.is_inference())
try:
    (s * p).sum().backward()
    print(p.grad)
except Exception as e:
    print(type(e).__name__, e)
