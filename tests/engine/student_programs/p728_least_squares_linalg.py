import torch

torch.manual_seed(5)
X = torch.randn(30, 3, dtype=torch.float64)
y = X @ torch.tensor([2.0, -1.0, 0.5], dtype=torch.float64) + 0.01 * torch.randn(30, dtype=torch.float64)
A = X.T @ X
w_solve = torch.linalg.solve(A, X.T @ y)
print(w_solve)
w_lstsq = torch.linalg.lstsq(X, y.unsqueeze(1)).solution
print(w_lstsq.squeeze())
w_pinv = torch.linalg.pinv(X) @ y
print(w_pinv)
print(torch.allclose(w_solve, w_pinv), torch.allclose(w_solve, w_lstsq.squeeze()))
print(torch.allclose(torch.linalg.inv(A) @ A, torch.eye(3, dtype=torch.float64)))
r = y - X @ w_solve
print(r.norm(), (X.T @ r).abs().max() < 1e-10)
Xf = X.float()
yf = y.float()
wf = torch.linalg.solve(Xf.T @ Xf, Xf.T @ yf)
print(wf, wf.dtype)
print(torch.linalg.det(A), torch.linalg.matrix_rank(X))
try:
    torch.linalg.solve(torch.ones(2, 2), torch.ones(2))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.linalg.solve(torch.ones(2, 3), torch.ones(2))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.linalg.solve(A, torch.ones(3))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.linalg.inv(torch.zeros(2, 2))
except Exception as e:
    print(type(e).__name__, e)
Xs = torch.tensor([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
ys = torch.tensor([1.0, 2.0, 2.0])
sol = torch.linalg.lstsq(Xs, ys.unsqueeze(-1))
print(sol.solution.squeeze(), sol.rank)
print((torch.linalg.pinv(Xs.double()) * 1e6).round() / 1e6 + 0.0)
w = torch.zeros(2, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.02)
for i in range(200):
    opt.zero_grad()
    loss = ((Xs @ w - ys) ** 2).sum()
    loss.backward()
    opt.step()
print(w, loss.item())
Wg = torch.randn(3, 3, dtype=torch.float64, requires_grad=True)
b = torch.randn(3, dtype=torch.float64)
sol = torch.linalg.solve(Wg @ Wg.T + torch.eye(3, dtype=torch.float64), b)
sol.sum().backward()
print(Wg.grad)
