import torch

# 極座標 -> 直交座標 のヤコビアンと行列式
def polar(u):
    r, th = u[0], u[1]
    return torch.stack([r * torch.cos(th), r * torch.sin(th)])

u = torch.tensor([2.0, 0.5], dtype=torch.float64, requires_grad=True)
out = polar(u)
rows = []
for i in range(out.numel()):
    (gi,) = torch.autograd.grad(out[i], u, retain_graph=True)
    rows.append(gi)
J = torch.stack(rows)
print(J)
print("det J =", torch.linalg.det(J).item(), "r =", u[0].item())
# vjp で列を取る
cols = []
for j in range(2):
    v = torch.zeros(2, dtype=torch.float64)
    v[j] = 1.0
    (c,) = torch.autograd.grad(out, u, grad_outputs=v, retain_graph=True)
    cols.append(c)
print(torch.stack(cols))
Jf = torch.autograd.functional.jacobian(polar, u.detach())
print(torch.allclose(J, Jf), Jf.dtype, Jf.shape)

# 2 階: 各出力のヘッセ行列
for i in range(2):
    (g,) = torch.autograd.grad(polar(u)[i], u, create_graph=True)
    H = torch.stack([torch.autograd.grad(g[k], u, retain_graph=True)[0] for k in range(2)])
    print(i, H)
