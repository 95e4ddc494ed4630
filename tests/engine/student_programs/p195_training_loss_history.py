import torch

x = torch.tensor([1.0, 2.0, 3.0])
t = torch.tensor([2.0, 4.0, 6.0])
w = torch.tensor(0.0, requires_grad=True)
losses = []
total = 0
for epoch in range(8):
    loss = ((w * x - t) ** 2).mean()
    total = total + loss
    losses.append(loss.item())
    loss.backward()
    with torch.no_grad():
        w -= 0.05 * w.grad
        w.grad.zero_()
print([round(l, 4) for l in losses])
print(total)
print(type(total).__name__, total.grad_fn.name(), total.requires_grad)
hist = torch.tensor(losses)
print(hist)
print(hist.argmin().item(), hist.min(), min(losses) == hist.min().item())
print(hist[1:] - hist[:-1] < 0)
