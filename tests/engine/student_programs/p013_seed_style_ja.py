import torch

# 講義資料の例: f(x) = x^2 + 4x + 3
x = torch.tensor(2.0, requires_grad=True)
def f(x):
    return x ** 2 + 4 * x + 3
y = f(x)
y.backward()
print(x.grad)  # → tensor(8.)

x = torch.tensor(2.0, requires_grad=True)
y = torch.log(x)
y.backward()
print(x.grad)  # → tensor(0.5000)

x = torch.tensor(2.0, requires_grad=True)
y = torch.sin((x + 2) + (1 + torch.exp(x ** 2)))
y.backward()
print(x.grad)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.sum(x ** 2 + x)
y.backward()
print(x.grad)

A = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
y = torch.sum(A)
y.backward()
print(A.grad)
