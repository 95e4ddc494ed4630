# two spirals, 3 classes, made with torch ops only; softmax classifier with hidden layer
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
N, K = 50, 3
xs, ys = [], []
for k in range(K):
    r = torch.linspace(0.0, 1, N)
    t = torch.linspace(k * 4, (k + 1) * 4, N) + torch.randn(N) * 0.2
    xs.append(torch.stack([r * torch.sin(t), r * torch.cos(t)], dim=1))
    ys.append(torch.full((N,), k, dtype=torch.long))
X = torch.cat(xs)
y = torch.cat(ys)
print(X.shape, y.shape, y.dtype, X.dtype)
print(X[:3])
print(torch.bincount(y))

model = nn.Sequential(nn.Linear(2, 100), nn.ReLU(), nn.Linear(100, K))
opt = torch.optim.SGD(model.parameters(), lr=1.0, weight_decay=1e-3)
for i in range(300):
    scores = model(X)
    loss = F.cross_entropy(scores, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if i % 60 == 0:
        acc = (scores.argmax(dim=1) == y).float().mean()
        print(f"iter {i}: loss {loss:.4f} acc {acc:.2%}")

with torch.no_grad():
    pred = model(X).argmax(1)
conf = torch.bincount(y * K + pred, minlength=K * K).reshape(K, K)
print("confusion:\n", conf)
print("per-class recall:", (conf.diag() / conf.sum(1)).tolist())
print("final acc", (pred == y).sum().item(), "/", len(y))
