import torch

# ヘッセ行列を autograd.grad のループで (create_graph=True)
def f(x):
    return x[0] ** 2 * x[1] + torch.sin(x[1] * x[2]) + torch.exp(x[0]) * x[2]

x = torch.tensor([1.0, 0.5, 2.0], dtype=torch.float64, requires_grad=True)
y = f(x)
(g,) = torch.autograd.grad(y, x, create_graph=True)
print("f =", y.item())
print("grad =", g)
print(g.requires_grad, g.grad_fn is not None)
H = torch.zeros(3, 3, dtype=torch.float64)
for i in range(3):
    (row,) = torch.autograd.grad(g[i], x, retain_graph=True)
    H[i] = row
print(H)
print("symmetric:", torch.allclose(H, H.T))
H2 = torch.autograd.functional.hessian(f, x.detach())
print(torch.allclose(H, H2))
print((H - H2).abs().max().item())
# 固有値の符号で極値判定
ev = torch.linalg.eigvalsh(H)
print(ev.shape, (ev > 0).tolist())
