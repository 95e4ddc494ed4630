import torch
import torch.nn.functional as F

x = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(F.softmax(x, dim=-1))
print(F.softmax(x, dim=0))
print(torch.softmax(x, 1).sum(1))
print(x.softmax(-1).argmax(-1))
big = torch.tensor([1000.0, 1001.0, 1002.0])
print(torch.softmax(big, dim=0))
print(torch.exp(big) / torch.exp(big).sum())
print(F.log_softmax(big, dim=0))
x3 = torch.arange(8.0).reshape(2, 2, 2)
print(torch.softmax(x3, dim=1))
z = torch.tensor([0.5, -0.5], requires_grad=True)
s = torch.softmax(z, dim=0)
s[0].backward()
print(z.grad)
