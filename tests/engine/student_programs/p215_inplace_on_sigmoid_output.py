import torch

x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
y = torch.sigmoid(x)
print(y, y._version)
z = y * 2
z += 1
print(z, z._version, z.grad_fn.name())
z.sum().backward()
print(x.grad)
y2 = torch.sigmoid(x)
y2 += 1
print(y2._version, y2.grad_fn.name())
y2.sum().backward()
