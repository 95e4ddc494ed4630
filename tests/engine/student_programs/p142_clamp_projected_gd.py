import torch

x = torch.tensor([2.0, -3.0], requires_grad=True)
target = torch.tensor([5.0, -5.0])
for step in range(6):
    loss = ((x - target) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        x -= 0.2 * x.grad
        x.clamp_(-1.0, 1.0)
    x.grad.zero_()
    print(step, f"{loss.item():.4f}", x.tolist())
y = torch.tensor([-2.0, 0.5, 2.0], requires_grad=True)
c = torch.clamp(y, min=-1, max=1)
c.sum().backward()
print(c, y.grad)
print(torch.clamp(torch.tensor([1, 5, 9]), max=6))
print(torch.tensor([0.5, 1.5]).clamp(min=1))
