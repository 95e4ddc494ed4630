import torch

w = torch.tensor([0.5, -0.3], requires_grad=True)
data = [(torch.tensor([1.0, 2.0]), 1.0), (torch.tensor([0.0, 1.0]), 0.0), (torch.tensor([2.0, 1.0]), 2.0)]
for epoch in range(3):
    total = sum((torch.dot(w, x) - t) ** 2 for x, t in data)
    total.backward()
    print(f"epoch {epoch}: total={total.item():.5f}, grad={w.grad}")
    with torch.no_grad():
        w -= 0.05 * w.grad
        w.grad.zero_()
print(w)
losses = []
for x, t in data:
    losses.append((torch.dot(w, x) - t) ** 2)
loss = torch.stack(losses).mean()
print(loss)
loss.backward()
print(w.grad)
