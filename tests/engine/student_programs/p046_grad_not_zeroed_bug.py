import torch

# common bug: forgetting to zero the gradient
x = torch.tensor(4.0, requires_grad=True)
for i in range(5):
    y = x ** 2
    y.backward()
    print(i, x.grad)
    with torch.no_grad():
        x -= 0.1 * x.grad
print(x)
x2 = torch.tensor(4.0, requires_grad=True)
for i in range(5):
    y = x2 ** 2
    y.backward()
    with torch.no_grad():
        x2 -= 0.1 * x2.grad
    x2.grad.zero_()
print(x2)
