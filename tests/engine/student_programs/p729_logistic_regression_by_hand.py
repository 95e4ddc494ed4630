import torch
import torch.nn.functional as F

torch.manual_seed(6)
n = 40
X = torch.cat([torch.randn(n // 2, 2) + 1.5, torch.randn(n // 2, 2) - 1.5])
y = torch.cat([torch.ones(n // 2), torch.zeros(n // 2)])
w = torch.zeros(2, requires_grad=True)
b = torch.zeros((), requires_grad=True)
for epoch in range(40):
    z = X @ w + b
    p = 1 / (1 + torch.exp(-z))
    loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.5 * w.grad
        b -= 0.5 * b.grad
        w.grad.zero_()
        b.grad.zero_()
    if epoch % 10 == 0:
        acc = ((p > 0.5).float() == y).float().mean()
        print(f"epoch {epoch} loss={loss.item():.5f} acc={acc.item():.2f}")
print(w, b)
z = X @ w + b
print(F.binary_cross_entropy_with_logits(z, y), F.binary_cross_entropy(torch.sigmoid(z), y))
manual_grad_w = X.T @ (torch.sigmoid(z) - y) / n
w.grad = None
F.binary_cross_entropy_with_logits(X @ w + b, y).backward()
print(manual_grad_w)
print(w.grad)
print((torch.sigmoid(X[:5] @ w + b) > 0.5).long())
print(torch.sigmoid(torch.tensor([-100.0, 0.0, 100.0])))
print(torch.log(torch.sigmoid(torch.tensor([-100.0, 100.0]))), F.logsigmoid(torch.tensor([-100.0, 100.0])))
