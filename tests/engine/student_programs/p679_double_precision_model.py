# model.double() for a gradient check on a tiny network; dtype mistakes
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.Sigmoid(), nn.Linear(4, 2))
x32 = torch.randn(5, 3)
print(net[0].weight.dtype)
try:
    net(x32.double())
except RuntimeError as e:
    print(type(e).__name__, e)
net = net.double()
print(net[0].weight.dtype, next(net.parameters()).dtype)
x = x32.double().requires_grad_()
out = net(x)
print(out.dtype, out)

def f(inp):
    return net(inp).pow(2).sum()

print(torch.autograd.gradcheck(f, (x,)))
loss = f(x)
g, = torch.autograd.grad(loss, x, create_graph=True)
print(g)
h = torch.autograd.grad(g.sum(), x)[0]
print(h)
eps = 1e-6
num = torch.zeros_like(x)
with torch.no_grad():
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            xp = x.clone(); xp[i, j] += eps
            xm = x.clone(); xm[i, j] -= eps
            num[i, j] = (f(xp) - f(xm)) / (2 * eps)
print((num - g).abs().max() < 1e-6)
net.float()
print(net(x32).dtype)
print(net.to(torch.float64)[2].bias.dtype)
half = nn.Linear(2, 2).to(dtype=torch.float16)
print(half.weight.dtype)
