import torch
from torch.autograd.function import once_differentiable

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return 3 * x ** 2 * grad_output

class CubeTwice(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return 3 * x ** 2 * grad_output

x = torch.tensor(2.0, requires_grad=True)
y = CubeTwice.apply(x)
g, = torch.autograd.grad(y, x, create_graph=True)
print("first derivative:", g)
g2, = torch.autograd.grad(g, x)
print("second derivative:", g2)

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = Cube.apply(x)
y.sum().backward()
print("grad:", x.grad)

x.grad = None
y = Cube.apply(x)
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
print("g:", g)
print("g.requires_grad:", g.requires_grad)
g.sum().backward()
print("never here", x.grad)
