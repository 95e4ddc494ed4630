import torch

def f(p):
    x, y = p[0], p[1]
    return (x - 1) ** 2 + 2 * (y + 2) ** 2 + x * y

p = torch.tensor([0.0, 0.0], requires_grad=True)
history = []
for i in range(40):
    loss = f(p)
    history.append(loss.item())
    loss.backward()
    with torch.no_grad():
        p.sub_(0.1 * p.grad)
        p.grad.zero_()
print(p)
print(len(history), f"{history[0]:.4f} -> {history[-1]:.4f}")
print(torch.tensor(history[:5]))
print(p.grad)
