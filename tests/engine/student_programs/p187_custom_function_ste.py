import torch

class RoundSTE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output

class MyExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = torch.exp(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        y, = ctx.saved_tensors
        return grad_output * y

x = torch.tensor([0.2, 1.7, -0.6], requires_grad=True)
r = RoundSTE.apply(x)
print(r)
print(type(r.grad_fn).__name__)
(r * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(x.grad)
x.grad = None
e = MyExp.apply(x)
e.sum().backward()
print(e.detach(), x.grad)
print(torch.allclose(x.grad, torch.exp(x)))
print(r.requires_grad, r.is_leaf)
with torch.no_grad():
    print(MyExp.apply(x).requires_grad)
