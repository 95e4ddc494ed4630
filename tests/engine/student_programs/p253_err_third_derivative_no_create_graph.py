import torch

x = torch.tensor(1.0, requires_grad=True)
y = x ** 3
(g1,) = torch.autograd.grad(y, x, create_graph=True)
print(g1)
(g2,) = torch.autograd.grad(g1, x)  # create_graph を忘れた
print(g2, g2.requires_grad)
(g3,) = torch.autograd.grad(g2, x)
print(g3)
