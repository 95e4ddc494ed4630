import torch

class MulAdd(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, alpha):
        # alpha is a python float, not a tensor
        ctx.save_for_backward(a, b)
        ctx.alpha = alpha
        return a * b + alpha * a

    @staticmethod
    def backward(ctx, grad_out):
        a, b = ctx.saved_tensors
        print("needs_input_grad:", ctx.needs_input_grad)
        ga = gb = None
        if ctx.needs_input_grad[0]:
            ga = grad_out * (b + ctx.alpha)
        if ctx.needs_input_grad[1]:
            gb = grad_out * a
        return ga, gb, None

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.tensor([0.5, -1.0, 2.0])
out = MulAdd.apply(a, b, 2.0)
print("out =", out)
print(type(out.grad_fn).__name__)
out.sum().backward()
print("a.grad", a.grad)
print("b.grad", b.grad)

b2 = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
a.grad = None
out2 = MulAdd.apply(a, b2, 0.5)
loss = (out2 ** 2).mean()
loss.backward()
print(f"loss={loss.item():.4f}")
print("a.grad", a.grad)
print("b2.grad", b2.grad)

c = torch.tensor([1.0, 1.0])
d = torch.tensor([2.0, 3.0])
r = MulAdd.apply(c, d, 1.0)
print(r, r.requires_grad, r.grad_fn)

# my relu vs torch's relu, with a loss that pushes activations down
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        gx = g.clone()
        gx[x <= 0] = 0
        return gx

weights = torch.tensor([-1.0, -2.0, 0.5, -0.5])
z1 = torch.tensor([-1.5, 0.0, 2.0, 3.0], requires_grad=True)
z2 = z1.detach().clone().requires_grad_(True)
z3 = z1.detach().clone().requires_grad_(True)
z4 = z1.detach().clone().requires_grad_(True)
(MyReLU.apply(z1) * weights).sum().backward()
(torch.relu(z2) * weights).sum().backward()
(z3.clamp(min=0) * weights).sum().backward()
(torch.where(z4 > 0, z4, torch.zeros_like(z4)) * weights).sum().backward()
print("mine   ", z1.grad)
print("relu   ", z2.grad)
print("clamp  ", z3.grad)
print("where  ", z4.grad)
print("same?", torch.equal(z1.grad, z2.grad), torch.equal(z2.grad, z3.grad))

# gradient ascent direction (negative upstream) through other piecewise ops
for name, op in [("max", lambda t: t.max()), ("clamp(max)", lambda t: t.clamp(max=1.0)),
                 ("masked_fill", lambda t: t.masked_fill(t < 0, 0.0)), ("round", torch.round)]:
    t = torch.tensor([-1.5, 0.0, 2.0, 3.0], requires_grad=True)
    out = op(t)
    (-out.sum()).backward()
    print(f"{name:12s}", t.grad)
