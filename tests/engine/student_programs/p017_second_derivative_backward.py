import torch

x = torch.tensor(3.0, requires_grad=True)
y = x ** 3
grad_x, = torch.autograd.grad(y, x, create_graph=True)
print(grad_x)
grad_x.backward()
print(x.grad)
# grad with vector output needs grad_outputs
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
try:
    torch.autograd.grad(y, x)
except RuntimeError as e:
    print(e)
g = torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y))
print(g)
print(type(g), len(g))
