import torch

X = torch.tensor([[1.0, 2.0], [0.5, -1.0], [-1.5, 0.25]])
y = torch.tensor([[1.0], [0.0], [2.0]])
W1 = torch.tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], requires_grad=True)
W2 = torch.tensor([[0.7], [-0.8], [0.9]], requires_grad=True)

h = X @ W1
a = torch.relu(h)
out = a @ W2
loss = ((out - y) ** 2).mean()
loss.backward()

# 手動で逆伝播
with torch.no_grad():
    d_out = 2 * (out - y) / out.numel()
    dW2 = a.t() @ d_out
    d_a = d_out @ W2.t()
    d_h = d_a * (h > 0).float()
    dW1 = X.t() @ d_h
print(loss)
print(W1.grad)
print(dW1)
print(W2.grad.t(), dW2.t())
print(torch.allclose(W1.grad, dW1), torch.allclose(W2.grad, dW2, atol=1e-6))
print(h.grad_fn.name(), a.grad_fn.name(), out.grad_fn.name())
