import torch

# 勾配降下法: f(x, y) = (x - 2)^2 + 10 (y + 1)^2
p = torch.tensor([0.0, 0.0], requires_grad=True)
lr = 0.04
for step in range(101):
    f = (p[0] - 2) ** 2 + 10 * (p[1] + 1) ** 2
    f.backward()
    if step % 20 == 0:
        print(f"step {step:3d}: x={p[0]:.4f}, y={p[1]:.4f}, f={f:.6f}, |g|={p.grad.norm():.3e}")
    with torch.no_grad():
        p -= lr * p.grad
    p.grad.zero_()
print("final:", p)
print("final f:", f)
print(p.detach().numpy().round(3))
