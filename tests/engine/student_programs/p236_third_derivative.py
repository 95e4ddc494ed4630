import torch

torch.autograd.set_detect_anomaly(True)  # デバッグ用 (講義のおすすめ)

# 高階微分: 1階〜4階
def nth_derivatives(f, x0, n):
    x = torch.tensor(x0, requires_grad=True)
    y = f(x)
    out = [y]
    for _ in range(n):
        (y,) = torch.autograd.grad(y, x, create_graph=True)
        out.append(y)
    return out

for name, f in [("x^5", lambda x: x ** 5), ("sin", torch.sin), ("exp(2x)", lambda x: torch.exp(2 * x)),
                ("x^2*log(x)", lambda x: x ** 2 * torch.log(x))]:
    ds = nth_derivatives(f, 1.5, 4)
    print(name, [round(d.item(), 4) for d in ds])

x = torch.tensor(2.0, requires_grad=True)
y = x ** 4
dy = torch.autograd.grad(y, x, create_graph=True)[0]
d2y = torch.autograd.grad(dy, x, create_graph=True)[0]
d3y = torch.autograd.grad(d2y, x, create_graph=True)[0]
print(dy, d2y, d3y, sep="\n")
d3y.backward()
print(x.grad)

# x^3 の 3 階微分 (定数) と 4 階微分
a = torch.tensor(2.0, requires_grad=True)
g1 = torch.autograd.grad(a ** 3, a, create_graph=True)[0]
g2 = torch.autograd.grad(g1, a, create_graph=True)[0]
g3 = torch.autograd.grad(g2, a, create_graph=True)[0]
print(g1, g2, g3)
print(torch.autograd.grad(g3, a, allow_unused=True))
