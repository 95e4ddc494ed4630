import torch

def f(x):
    return torch.stack([x[0] ** 2 * x[1], 5 * x[0] + torch.sin(x[1]), x[1] ** 3])

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = f(x)
J = torch.zeros(3, 2)
for i in range(3):
    grad_i, = torch.autograd.grad(y[i], x, retain_graph=True)
    J[i] = grad_i
print(J)
rows = []
for i in range(y.shape[0]):
    if x.grad is not None:
        x.grad.zero_()
    y[i].backward(retain_graph=True)
    rows.append(x.grad.clone())
print(rows)
print(torch.stack(rows))
