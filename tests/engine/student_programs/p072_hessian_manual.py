import torch

def f(v):
    return v[0] ** 2 * v[1] + v[1] ** 3 + torch.sin(v[0])

v = torch.tensor([1.0, 2.0], requires_grad=True)
y = f(v)
grad, = torch.autograd.grad(y, v, create_graph=True)
print(grad)
H = []
for i in range(2):
    row, = torch.autograd.grad(grad[i], v, retain_graph=True)
    H.append(row)
H = torch.stack(H)
print(H)
print(torch.autograd.functional.hessian(f, torch.tensor([1.0, 2.0])))
