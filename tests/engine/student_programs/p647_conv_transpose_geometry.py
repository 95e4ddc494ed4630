# output sizes of transposed convolutions, output_size=, and conv_transpose as the adjoint of conv
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(5)
x = torch.randn(1, 2, 5, 5)
print(f"{'kernel':>6} {'stride':>6} {'pad':>4} {'outpad':>6} {'dil':>4} -> shape")
for k, s, p, op, d in [(3, 1, 0, 0, 1), (3, 2, 0, 0, 1), (3, 2, 1, 1, 1), (4, 2, 1, 0, 1),
                       (2, 2, 0, 0, 1), (3, 3, 1, 2, 1), (3, 1, 0, 0, 2), (3, 2, 2, 1, 2)]:
    m = nn.ConvTranspose2d(2, 3, k, stride=s, padding=p, output_padding=op, dilation=d)
    print(f"{k:>6} {s:>6} {p:>4} {op:>6} {d:>4} -> {tuple(m(x).shape)}")

up = nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1)
print(up)
print("default:", tuple(up(x).shape))
print("output_size=(10, 10):", tuple(up(x, output_size=(10, 10)).shape))
print("output_size=[1, 3, 9, 10]:", tuple(up(x, output_size=[1, 3, 9, 10]).shape))

# the transposed conv is the gradient of a conv with respect to its input
w = torch.randn(3, 2, 3, 3)
inp = torch.randn(1, 2, 9, 9, requires_grad=True)
y = F.conv2d(inp, w, stride=2, padding=1)
g = torch.randn_like(y)
(grad_inp,) = torch.autograd.grad(y, inp, g)
via_t = F.conv_transpose2d(g, w, stride=2, padding=1)
print("grad shape", tuple(grad_inp.shape), "conv_transpose shape", tuple(via_t.shape))
print("same values:", torch.allclose(grad_inp, via_t, atol=1e-5))

# 1-d, grouped, and unbatched
sig = torch.randn(2, 4, 6)
ct1 = nn.ConvTranspose1d(4, 6, 3, stride=2, groups=2)
print(ct1, ct1.weight.shape, tuple(ct1(sig).shape))
print(tuple(ct1(sig[0]).shape), ct1(sig[0]).grad_fn.name())
y = ct1(sig)
y.pow(2).mean().backward()
print("weight grad", tuple(ct1.weight.grad.shape), f"{ct1.weight.grad.abs().sum().item():.3f}")
print("bias grad", ct1.bias.grad.round(decimals=3))
