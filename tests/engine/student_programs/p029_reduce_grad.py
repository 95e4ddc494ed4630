import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
y = x.mean(dim=0, keepdim=True)
z = (x - y) ** 2
loss = z.sum(dim=1).mean()
loss.backward()
print(loss)
print(x.grad)
x.grad = None
m = x.max()
m.backward()
print(x.grad)
x.grad = None
x.norm().backward()
print(x.grad)
x.grad = None
x.std().backward()
print(x.grad)
