import torch
from torch.autograd import gradcheck, gradgradcheck

def f(x, y):
    return (x * y.sin()).sum() + (x ** 2).mean()

x = torch.randn(3, dtype=torch.double, requires_grad=True)
y = torch.randn(3, dtype=torch.double, requires_grad=True)
print(gradcheck(f, (x, y)))
print(gradgradcheck(f, (x, y)))
print(torch.autograd.gradcheck(torch.sigmoid, (x,), eps=1e-6, atol=1e-4))

class BadSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return 3 * x * g

try:
    gradcheck(BadSquare.apply, (x,))
except RuntimeError as e:
    print("RuntimeError:", str(e).splitlines()[0])
print(gradcheck(BadSquare.apply, (x,), raise_exception=False))
