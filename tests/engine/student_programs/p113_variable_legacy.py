import torch
from torch.autograd import Variable

x = Variable(torch.ones(2, 2), requires_grad=True)
print(x)
y = x + 2
z = y * y * 3
out = z.mean()
print(z, out)
out.backward()
print(x.grad)
print(x.data)
a = Variable(torch.Tensor([2.0]), requires_grad=True)
b = a ** 2
b.backward()
print(a.grad, a.grad.data[0])
print(type(x).__name__, type(x))
