import torch

# 第3回: 自動微分 演習
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
z = x * y + y ** 2
z.backward()
print(x.grad)  # → tensor(3.)
print(y.grad)  # → tensor(8.)
print(x.grad.item(), y.grad.item())
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = torch.sin(torch.sum(x) + 2)
y.backward()
print(x.grad)
x = torch.tensor(3.0, requires_grad=True)
y = x ** 2 - 1
y.backward()
gx = x.grad
print(gx.item())  # → 6.0
print(x, y, gx, sep=" | ")
