import torch

# 3 クラスのソフトマックス回帰を生のテンソルで
X = torch.tensor([[0.0, 0.0], [0.2, 0.1], [1.0, 1.0], [1.2, 0.9], [0.0, 1.0], [0.1, 1.2]])
t = torch.tensor([0, 0, 1, 1, 2, 2])
W = torch.zeros(2, 3, requires_grad=True)
b = torch.zeros(3, requires_grad=True)

def softmax(z):
    e = torch.exp(z - z.max(dim=1, keepdim=True).values)
    return e / e.sum(dim=1, keepdim=True)

lr = 1.0
for step in range(61):
    p = softmax(X @ W + b)
    loss = -torch.log(p[torch.arange(6), t]).mean()
    loss.backward()
    with torch.no_grad():
        W -= lr * W.grad
        b -= lr * b.grad
    W.grad.zero_(); b.grad.zero_()
    if step % 15 == 0:
        acc = (p.argmax(dim=1) == t).float().mean()
        print(f"step {step:2d}  loss {loss.item():.4f}  acc {acc.item():.2f}")

with torch.no_grad():
    p = softmax(X @ W + b)
# (torch.exp is MKL's vectorised exp: sums print 1.0000 or 1. by the last bit, so compare)
print(torch.allclose(p.sum(dim=1), torch.ones(6)))
print(p.argmax(dim=1))
print(torch.round(p, decimals=2))
