import torch

def f(x):
    return torch.sum(torch.exp(x) * torch.sin(x))

x = torch.tensor([0.1, 0.5, 1.0], dtype=torch.float64, requires_grad=True)
y = f(x)
y.backward()
eps = 1e-6
num = torch.zeros(3, dtype=torch.float64)
for i in range(3):
    e = torch.zeros(3, dtype=torch.float64)
    e[i] = eps
    num[i] = (f(x.detach() + e) - f(x.detach() - e)) / (2 * eps)
print(x.grad)
print(num)
print(torch.allclose(x.grad, num))
print((x.grad - num).abs().max() < 1e-6)
print(torch.autograd.gradcheck(f, (x,)))
