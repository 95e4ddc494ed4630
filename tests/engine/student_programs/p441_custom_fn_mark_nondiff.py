import torch
from torch.autograd import Function

class SortWithIdx(Function):
    @staticmethod
    def forward(ctx, x):
        vals, idx = torch.sort(x)
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(idx)
        return vals, idx

    @staticmethod
    def backward(ctx, g_vals, g_idx):
        idx, = ctx.saved_tensors
        print("g_idx is", g_idx)
        grad = torch.zeros_like(g_vals)
        grad[idx] = g_vals
        return grad

x = torch.tensor([3.0, 1.0, 2.0, 0.5], requires_grad=True)
v, i = SortWithIdx.apply(x)
print(v)
print(i)
print("idx requires grad?", i.requires_grad)
print("vals requires grad?", v.requires_grad)
w = torch.tensor([1.0, 10.0, 100.0, 1000.0])
(v * w).sum().backward()
print(x.grad)

# compare with builtin
x2 = x.detach().clone().requires_grad_(True)
v2, i2 = torch.sort(x2)
(v2 * w).sum().backward()
print(x2.grad)
print(torch.equal(x.grad, x2.grad))
