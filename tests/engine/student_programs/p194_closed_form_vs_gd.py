import torch

x = torch.tensor([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
y = torch.tensor([1.1, 2.9, 5.2, 7.1, 8.8, 11.2])
A = torch.stack([x, torch.ones_like(x)], dim=1)
print(A)
theta_ne = torch.linalg.solve(A.T @ A, A.T @ y)
print("normal equations:", theta_ne)
theta_inv = torch.inverse(A.t() @ A) @ A.t() @ y
print(torch.allclose(theta_ne, theta_inv, atol=1e-5))
theta = torch.zeros(2, requires_grad=True)
opt = torch.optim.SGD([theta], lr=0.02)
for i in range(3000):
    opt.zero_grad()
    loss = ((A @ theta - y) ** 2).mean()
    loss.backward()
    opt.step()
print("gd:", theta.detach(), loss.item() < 0.05)
print(torch.allclose(theta.detach(), theta_ne, atol=1e-3))
res = y - A @ theta_ne
print(f"residual norm {res.norm():.4f}, r2 {1 - res.pow(2).sum() / (y - y.mean()).pow(2).sum():.4f}")
