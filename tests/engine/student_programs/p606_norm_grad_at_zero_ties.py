import torch

x = torch.zeros(3, requires_grad=True)
for p in [1, 2, float('inf'), 3]:
    x.grad = None
    n = torch.linalg.vector_norm(x, ord=p)
    n.backward()
    print(p, n, x.grad)
y = torch.tensor([1.0, -3.0, 3.0, 2.0], requires_grad=True)
y.norm(p=float('inf')).backward()
print(y.grad)
y.grad = None
y.abs().max().backward()
print(y.grad)
y.grad = None
torch.max(y).backward()
print(y.grad)
t = torch.tensor([2.0, 5.0, 5.0, 1.0], requires_grad=True)
t.max().backward()
print("max tie", t.grad)
t.grad = None
t.min().backward()
print("min", t.grad)
t.grad = None
v, i = t.max(dim=0)
v.backward()
print("max dim tie", v, i, t.grad)
t.grad = None
torch.amax(t, dim=0).backward()
print("amax tie", t.grad)
t.grad = None
torch.amin(torch.tensor([1.0, 1.0]) * t[:2] + t[2:], dim=0).backward()
print(t.grad)
z = torch.tensor([0.0, -0.0, 1.0, -2.0], requires_grad=True)
z.abs().sum().backward()
print("abs", z.grad)
z.grad = None
torch.relu(z).sum().backward()
print("relu", z.grad)
z.grad = None
torch.sign(z).sum().backward()
print("sign", z.grad)
z.grad = None
torch.sqrt(z.abs()).sum().backward()
print("sqrt", z.grad)
z.grad = None
torch.clamp(z, min=0.0, max=1.0).sum().backward()
print("clamp", z.grad)
z.grad = None
torch.maximum(z, torch.zeros(4)).sum().backward()
print("maximum", z.grad)
z.grad = None
torch.minimum(z, torch.tensor([0.0, 0.0, 1.0, 0.0])).sum().backward()
print("minimum", z.grad)
M = torch.tensor([[1.0, 3.0], [3.0, 2.0]], requires_grad=True)
M.max(dim=1).values.sum().backward()
print(M.grad)
M.grad = None
M.norm(dim=0).sum().backward()
print(M.grad)
M.grad = None
torch.linalg.matrix_norm(M).backward()
print(M.grad)
q = torch.zeros(2, 2, requires_grad=True)
torch.linalg.norm(q).backward()
print(q.grad)
w = torch.tensor([0.3, -1.2, 2.5, 0.7], requires_grad=True)
w.norm().backward()
print(w.grad.tolist())
print([round(v, 6) for v in w.grad.tolist()])
M.grad = None
torch.linalg.norm(M, ord='nuc').backward()
print(M.grad)
