import torch
from torch.autograd import gradcheck

class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, beta):
        ctx.save_for_backward(x)
        ctx.beta = beta
        return torch.log1p(torch.exp(beta * x)) / beta

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * torch.sigmoid(ctx.beta * x), None

x = torch.linspace(-2, 2, 5, dtype=torch.float64, requires_grad=True)
print(Softplus.apply(x, 1.0))
print(torch.nn.functional.softplus(x))
ok = gradcheck(lambda t: Softplus.apply(t, 2.0), (x,), eps=1e-6, atol=1e-4)
print("gradcheck:", ok)

class BadGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin()

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x.cos() * 1.01   # oops

xs = torch.tensor([0.1, 0.7], dtype=torch.float64, requires_grad=True)
print("bad ok?", gradcheck(BadGrad.apply, (xs,), raise_exception=False))

class AddOneInplace(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.add_(1)
        ctx.mark_dirty(x)
        return x

    @staticmethod
    def backward(ctx, g):
        return g

h = xs * 2
out = AddOneInplace.apply(h)
print(out, out is h)
out.sum().backward()
print(xs.grad)

class WrongCount(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x * y

    @staticmethod
    def backward(ctx, g):
        return g

p = torch.tensor([1.0, 2.0], requires_grad=True)
q = torch.tensor([3.0, 4.0], requires_grad=True)
r = WrongCount.apply(p, q)
print(r)
r.sum().backward()
