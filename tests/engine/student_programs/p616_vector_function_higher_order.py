import torch

# f: R^2 -> R^2, 二階微分 (テンソル) を autograd で
def F(v):
    x, y = v[0], v[1]
    return torch.stack([x ** 2 * y, torch.sin(x) * y ** 3])

v = torch.tensor([1.0, 2.0], requires_grad=True)
out = F(v)
J = []
for i in range(2):
    gi, = torch.autograd.grad(out[i], v, create_graph=True)
    J.append(gi)
J = torch.stack(J)
print(J)
print(J.requires_grad, J.grad_fn.name())
H = torch.zeros(2, 2, 2)
for i in range(2):
    for j in range(2):
        H[i, j] = torch.autograd.grad(J[i, j], v, retain_graph=True)[0]
print(H)
lap = torch.stack([H[i].trace() for i in range(2)])
print("laplacian", lap)
div = J.trace()
print("div", div)
div.backward()
print(v.grad)
# 三階微分
t = torch.tensor(0.5, requires_grad=True)
y = torch.tanh(t)
ds = []
cur = y
for k in range(4):
    cur, = torch.autograd.grad(cur, t, create_graph=True)
    ds.append(round(cur.item(), 6))
print(ds)
# 多項式の係数を微分から
c = torch.tensor(0.0, requires_grad=True)
p = 3 + 2 * c - 5 * c ** 2 + 7 * c ** 3
coeffs = [p.item()]
cur = p
fact = 1
for k in range(1, 4):
    cur, = torch.autograd.grad(cur, c, create_graph=True)
    fact *= k
    coeffs.append(cur.item() / fact)
print(coeffs)
try:
    cur2, = torch.autograd.grad(cur, c, create_graph=True)
    cur3, = torch.autograd.grad(cur2, c)
    print(cur2, cur3)
except RuntimeError as e:
    print(e)
x = torch.linspace(-1, 1, 5, requires_grad=True)
y = x ** 3
dy, = torch.autograd.grad(y.sum(), x, create_graph=True)
d2y, = torch.autograd.grad(dy.sum(), x, create_graph=True)
d3y, = torch.autograd.grad(d2y.sum(), x)
print(dy, d2y, d3y, sep="\n")
# ReLU の二階微分 (0 になるはず)
r = torch.tensor([0.3, -1.2], requires_grad=True)
dr, = torch.autograd.grad(torch.relu(r).sum(), r, create_graph=True)
print(dr, dr.requires_grad)
d2r, = torch.autograd.grad(dr.sum(), r)
print(d2r)
