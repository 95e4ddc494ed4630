import torch

torch.set_default_dtype(torch.float64)
x = torch.linspace(0, 1, 6)
y = 1 - 2 * x + 3 * x ** 2
print(x, x.dtype)
V = torch.stack([x ** k for k in range(3)], dim=1)
print(V)
coef = torch.linalg.solve(V.T @ V, V.T @ y)
print(coef)
print(torch.tensor([1.0, 2.0]).dtype, torch.zeros(2).dtype, torch.tensor(1).dtype)
w = torch.zeros(3, requires_grad=True)
opt = torch.optim.Adam([w], lr=0.1)
for i in range(500):
    opt.zero_grad()
    loss = ((V @ w - y) ** 2).mean()
    loss.backward()
    opt.step()
print(w.detach().round(decimals=3), f"{loss.item():.2e}" if loss.item() < 1e-3 else "not converged")
print(torch.get_default_dtype())
torch.set_default_dtype(torch.float32)
print(torch.tensor([1.5]).dtype)
