import torch

def sigmoid(x):
    return 1 / (1 + torch.exp(-x))

x = torch.tensor([-2.0, 0.0, 2.0], requires_grad=True)
s = sigmoid(x)
s.sum().backward()
print(s)
print(x.grad)
manual = s.detach() * (1 - s.detach())
print(manual)
print(torch.allclose(x.grad, manual))
x.grad.zero_()
torch.sigmoid(x).sum().backward()
print(x.grad)
print((x.grad - manual).abs().max())
