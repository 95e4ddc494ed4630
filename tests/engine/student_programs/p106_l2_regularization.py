import torch

X = torch.tensor([[1.0, 2.0], [2.0, 0.5], [3.0, 1.0], [0.5, 3.0]])
y = torch.tensor([5.0, 3.0, 5.0, 6.5])
w = torch.zeros(2, requires_grad=True)
lam = 0.1
opt = torch.optim.SGD([w], lr=0.02)
for it in range(500):
    opt.zero_grad()
    pred = X @ w
    mse = torch.mean((pred - y) ** 2)
    reg = lam * torch.sum(w ** 2)
    loss = mse + reg
    loss.backward()
    opt.step()
    if it in (0, 99, 499):
        print(f"it={it:3d} mse={mse.item():.4f} reg={reg.item():.4f} w={[round(v, 5) for v in w.data.tolist()]}")
closed = torch.linalg.solve(X.T @ X / 4 + lam * torch.eye(2), X.T @ y / 4)
print(closed)
print(torch.allclose(w.detach(), closed, atol=1e-3))
