import torch

x = torch.tensor(5.0, requires_grad=True)
lr = 0.1
for step in range(50):
    y = (x - 2) ** 2 + 1
    y.backward()
    with torch.no_grad():
        x -= lr * x.grad
    x.grad.zero_()
    if step % 10 == 0:
        print(f"step {step:2d}  x = {x.item():.4f}  y = {y.item():.4f}")
print("final x:", x)
print(round(x.item(), 4))
