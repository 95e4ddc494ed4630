import torch

torch.set_printoptions(precision=4)
# two blobs built deterministically
t = torch.linspace(0, 2 * 3.14159, 20)
X0 = torch.stack([1.0 + 0.5 * torch.cos(t), 1.0 + 0.5 * torch.sin(t)], dim=1)
X1 = torch.stack([-1.0 + 0.5 * torch.cos(t), -0.5 + 0.5 * torch.sin(t)], dim=1)
X = torch.cat([X0, X1])
y = torch.cat([torch.ones(20), torch.zeros(20)])
print(X.shape, y.shape, X.dtype, y.dtype)
print(X[:3])
print(X.mean(dim=0), X.std(dim=0))

w = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)

def forward(X):
    return torch.sigmoid(X @ w + b)

def bce(p, y):
    eps = 1e-7
    return -(y * torch.log(p + eps) + (1 - y) * torch.log(1 - p + eps)).mean()

lr = 0.5
losses = []
for epoch in range(1, 101):
    p = forward(X)
    loss = bce(p, y)
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_(); b.grad.zero_()
    losses.append(round(loss.item(), 4))
    if epoch % 20 == 0:
        acc = ((p > 0.5).float() == y).float().mean()
        print(f"Epoch {epoch:3d}/100 | loss: {loss.item():.4f} | acc: {acc.item()*100:.1f}% | w: {w.data} | b: {b.item():.4f}")
print(losses[:5], losses[-3:])
with torch.no_grad():
    probs = forward(torch.tensor([[1.0, 1.0], [-1.0, -0.5], [0.0, 0.0]]))
print(probs)
print((probs > 0.5).long())
print(torch.round(probs, decimals=2))
print(probs.argmax(), probs.max(), probs.min(dim=0))

# simulated time axis for the plot (one step every 0.01 s)
t_axis = torch.full((1000,), 0.01).cumsum(0)
print("t_end", t_axis[-1], "t_mid", t_axis[499])
running = torch.tensor(losses).cumsum(0) / torch.arange(1, len(losses) + 1)
print("running mean loss", running[-1])
