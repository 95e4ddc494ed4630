import torch

# 练习: f(x1, x2, x3) = x1^2 + x2^2 + x3^2 的梯度, 三种写法
x1 = torch.tensor(1.0, requires_grad=True)
x2 = torch.tensor(2.0, requires_grad=True)
x3 = torch.tensor(3.0, requires_grad=True)
y = x1 ** 2 + x2 ** 2 + x3 ** 2
y.backward()
print("梯度:", x1.grad.item(), x2.grad.item(), x3.grad.item())

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x ** 2).sum()
y.backward()
print("梯度:", x.grad)
print("梯度列表:", x.grad.tolist())

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.sum(x * x)
y.backward()
for i, g in enumerate(x.grad):
    print(f"df/dx{i + 1} = {g}")
    print(f"df/dx{i + 1} = {g:.2f}")
    print("df/dx%d = %.3f" % (i + 1, g))
print(y, y.item(), float(y), int(y))
print(type(y.grad_fn).__name__, [type(f).__name__ for f, _ in y.grad_fn.next_functions])
