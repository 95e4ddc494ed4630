import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
y = x[0, 1] * 3 + x[1, :].sum() + x[:, 2].prod()
y.backward()
print(x.grad)
x.grad = None
z = x[x > 2.5]
print(z)
z.sum().backward()
print(x.grad)
x.grad = None
w = x[[1, 1, 0]]
w.sum().backward()
print(x.grad)
