import torch
import torch.nn.functional as F

W1 = torch.linspace(-1, 1, 30).reshape(3, 10).requires_grad_()
W2 = (torch.linspace(-0.5, 0.5, 100).reshape(10, 10)).requires_grad_()
W3 = torch.linspace(-1, 1, 10).reshape(10, 1).requires_grad_()
x = torch.Tensor([1., -2., 3.])
y = F.celu(torch.matmul(W3.T, F.celu(torch.matmul(W2.T, F.celu(torch.matmul(W1.T, x))))))
t = torch.zeros([1])
l = torch.mean((y - t) ** 2)
print(l)
l.backward()
print(W1.grad)
print(W3.grad)
print(W2.grad[:3])
