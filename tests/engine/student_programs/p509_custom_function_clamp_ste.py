import torch

class RoundSTE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.scale = scale
        return torch.round(x * scale) / scale
    @staticmethod
    def backward(ctx, g):
        return g, None

class MyClamp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lo, hi):
        ctx.save_for_backward(x)
        ctx.lo, ctx.hi = lo, hi
        return x.clamp(lo, hi)
    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        mask = (x >= ctx.lo) & (x <= ctx.hi)
        print("needs_input_grad:", ctx.needs_input_grad)
        return grad_out * mask, None, None

torch.manual_seed(2)
x = torch.randn(6, requires_grad=True)
q = RoundSTE.apply(x, 4)
print(q)
q.sum().backward()
print(x.grad)
x.grad = None
y = MyClamp.apply(x, -0.5, 0.5)
print(y)
(y * torch.arange(6.)).sum().backward()
print(x.grad)
print(torch.autograd.gradcheck(MyClamp.apply, (torch.tensor([0.1, 0.7, -0.2], dtype=torch.float64, requires_grad=True), -0.5, 0.5)))
z = RoundSTE.apply(torch.tensor([1.26, 2.0]), 2)
print(z, z.requires_grad)
bad = MyClamp.apply(x, -1.0)
