import torch

# 自动求导: f(y)=a*y^3, y=b*x^3
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
x = torch.tensor([[1.0], [2.0]], requires_grad=True)
y = b * x ** 3
f_y = a * y ** 3
f_y.backward(torch.ones_like(f_y))
print("Gradient of f_y with respect to a:")
print(a.grad)
print("\nGradient of f_y with respect to b:")
print(b.grad)
print("\nGradient wrt x:")
print(x.grad)
print(f_y)
