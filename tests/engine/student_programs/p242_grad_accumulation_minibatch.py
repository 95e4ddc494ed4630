import torch

X = torch.arange(12, dtype=torch.float32).reshape(6, 2) / 10
y = torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0, 1.0])
w = torch.tensor([0.3, -0.2], requires_grad=True)

def loss_on(xb, yb):
    p = torch.sigmoid(xb @ w)
    return -(yb * torch.log(p) + (1 - yb) * torch.log(1 - p)).mean()

# フルバッチの勾配
full = loss_on(X, y)
full.backward()
g_full = w.grad.clone()
print("full loss", round(full.item(), 6), "grad", g_full)

# ミニバッチ 3 個で勾配を蓄積 (損失をバッチ数で割る)
w.grad.zero_()
n_batches = 3
total = 0.0
for i in range(n_batches):
    xb, yb = X[2 * i:2 * i + 2], y[2 * i:2 * i + 2]
    loss = loss_on(xb, yb) / n_batches
    loss.backward()
    total += loss.item()
    print(i, round(loss.item(), 6), w.grad)
print("accumulated", round(total, 6), w.grad)
print(torch.allclose(w.grad, g_full), (w.grad - g_full).abs().max() < 1e-6)

# 割らないと 3 倍
w.grad = None
for i in range(n_batches):
    loss_on(X[2 * i:2 * i + 2], y[2 * i:2 * i + 2]).backward()
print(torch.allclose(w.grad / 3, g_full, atol=1e-6))
