import torch

# 勾配降下法
x = torch.tensor(3.0, requires_grad=True)
def f(x):
    return x ** 2 - torch.exp(-x)
eta = 0.1
for i in range(20):
    y = f(x)
    y.backward()
    with torch.no_grad():
        x -= eta * x.grad
    x.grad.zero_()
    if i % 5 == 0:
        print('x_', i, '=', x)
print(f(x))
W = torch.tensor([[1.0, 2.0], [2.0, 1.0]])
x1 = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.matmul(torch.matmul(x1, W), x1)
y.backward()
gx = x1.grad
print(*gx.numpy())
