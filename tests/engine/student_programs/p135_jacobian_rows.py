import torch

def f(x):
    return torch.stack([x[0] ** 2 * x[1], 5 * x[0] + torch.sin(x[1]), x[1] ** 3])

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = f(x)
rows = []
for i in range(y.shape[0]):
    g, = torch.autograd.grad(y[i], x, retain_graph=True)
    rows.append(g)
J = torch.stack(rows)
print(J)
J2 = torch.zeros(3, 2)
for i in range(3):
    x.grad = None
    y = f(x)
    y[i].backward()
    J2[i] = x.grad
print(J2)
print(torch.allclose(J, J2))
J3 = torch.autograd.functional.jacobian(f, x.detach())
print(J3)
v = torch.zeros(3)
v[1] = 1.0
x.grad = None
f(x).backward(v)
print(x.grad)
