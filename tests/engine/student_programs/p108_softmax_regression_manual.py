import torch

X = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, -1.0]])
y = torch.tensor([0, 1, 2, 0])
W = torch.zeros(2, 3, requires_grad=True)
b = torch.zeros(3, requires_grad=True)
for step in range(101):
    logits = X @ W + b
    logp = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    loss = -logp[torch.arange(4), y].mean()
    loss.backward()
    with torch.no_grad():
        W -= 0.5 * W.grad
        b -= 0.5 * b.grad
    W.grad.zero_(); b.grad.zero_()
    if step % 50 == 0:
        print(step, f"{loss.item():.4f}")
probs = torch.softmax(X @ W + b, dim=1)
print(probs.argmax(dim=1))
print(probs.sum(dim=1))
