import torch

x = torch.ones(2, 2, requires_grad=True)
print(x)
y = ((x + 1) ** 2).sum()
print(y)
y.backward()
print(x.grad)
z = x + 2
print(z)
w = z * z * 3
out = w.mean()
print(w, out)
x.grad.zero_()
out.backward()
print(x.grad)
