import torch

x = torch.tensor(2.0, requires_grad=True)
def f(x):
    return x ** 2 + 4 * x + 3
y = f(x)
print(y)
y.backward()
print(x.grad)
print(x.grad.item())
print(type(x.grad.item()))
