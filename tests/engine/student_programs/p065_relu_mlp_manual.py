import torch

# two-layer MLP with manual parameters
X = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])
W1 = torch.tensor([[0.1, -0.2, 0.3, 0.0], [0.5, 0.4, -0.1, 0.2], [-0.3, 0.2, 0.1, 0.1]], requires_grad=True)
b1 = torch.zeros(4, requires_grad=True)
W2 = torch.tensor([[1.0], [-1.0], [0.5], [0.2]], requires_grad=True)
b2 = torch.tensor([0.1], requires_grad=True)
t = torch.tensor([[1.0], [0.0]])
for it in range(3):
    h = torch.relu(X @ W1 + b1)
    y = h @ W2 + b2
    loss = torch.mean((y - t) ** 2)
    loss.backward()
    print(f"iter {it}: loss = {loss.item():.6f}")
    with torch.no_grad():
        for p in (W1, b1, W2, b2):
            p -= 0.1 * p.grad
            p.grad.zero_()
print(W1)
print(b2)
