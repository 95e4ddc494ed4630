import torch

# nn を使わない 2 層ネットワーク (重みは決定的に初期化)
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
W1 = (torch.arange(8, dtype=torch.float32).reshape(2, 4) * 0.37).sin().requires_grad_()
b1 = torch.zeros(4, requires_grad=True)
W2 = (torch.arange(4, dtype=torch.float32).reshape(4, 1) * 0.91 - 1.3).requires_grad_()
b2 = torch.zeros(1, requires_grad=True)
params = [W1, b1, W2, b2]
print([tuple(p.shape) for p in params])
print(W1)

def forward(X):
    h = torch.tanh(X @ W1 + b1)
    return torch.sigmoid(h @ W2 + b2)

lr = 0.5
for epoch in range(301):
    out = forward(X)
    loss = ((out - Y) ** 2).mean()
    for p in params:
        p.grad = None
    loss.backward()
    with torch.no_grad():
        for p in params:
            p.sub_(lr * p.grad)
    if epoch % 100 == 0:
        print(epoch, f"{loss.item():.4f}")

with torch.no_grad():
    pred = forward(X)
print(pred.round(decimals=2).squeeze())
print((pred > 0.5).int().flatten().tolist())
print(sum(p.numel() for p in params))
