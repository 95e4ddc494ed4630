import torch

x = torch.ones(3)
print(x.requires_grad)
x.requires_grad_()
print(x.requires_grad, x)
y = (x * 2).sum()
y.backward()
print(x.grad)
w = torch.zeros(2, 2).requires_grad_(True)
print(w)
x.requires_grad = False
print(x)
z = torch.tensor([1.0, 2.0])
z.requires_grad = True
print(z)
