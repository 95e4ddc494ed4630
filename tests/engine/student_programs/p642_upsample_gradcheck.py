# checking upsampling and transposed-convolution gradients numerically, in double precision
import torch
import torch.nn.functional as F
from torch.autograd import gradcheck, gradgradcheck

torch.manual_seed(1)
x1 = torch.randn(1, 2, 5, dtype=torch.double, requires_grad=True)
x2 = torch.randn(1, 2, 3, 4, dtype=torch.double, requires_grad=True)
checks = {
    "nearest 1d x2": (lambda t: F.interpolate(t, scale_factor=2), x1),
    "linear 1d size 8": (lambda t: F.interpolate(t, size=8, mode="linear"), x1),
    "linear 1d align": (lambda t: F.interpolate(t, size=7, mode="linear", align_corners=True), x1),
    "nearest 2d (5, 7)": (lambda t: F.interpolate(t, size=(5, 7)), x2),
    "bilinear 2d x1.5": (lambda t: F.interpolate(t, scale_factor=1.5, mode="bilinear"), x2),
    "bilinear 2d down": (lambda t: F.interpolate(t, size=(2, 3), mode="bilinear"), x2),
}
for name, (fn, inp) in checks.items():
    print(f"{name:18s} gradcheck={gradcheck(fn, (inp,))} gradgradcheck={gradgradcheck(fn, (inp,))}")

w = torch.randn(2, 3, 3, 3, dtype=torch.double, requires_grad=True)
b = torch.randn(3, dtype=torch.double, requires_grad=True)
ct = lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1)
print("conv_transpose2d gradcheck:", gradcheck(ct, (x2, w, b)))
print("conv_transpose2d gradgradcheck:", gradgradcheck(ct, (x2, w, b)))

# nearest upsampling's backward sums the gradient of every copy
x = torch.ones(1, 1, 2, 3, requires_grad=True)
F.interpolate(x, size=(5, 4)).sum().backward()
print(x.grad)
# bilinear's backward distributes the gradient with the interpolation weights
x = torch.zeros(1, 1, 3, 3, requires_grad=True)
y = F.interpolate(x, size=(4, 4), mode="bilinear")
g = torch.zeros_like(y)
g[0, 0, 1, 2] = 1.0
y.backward(g)
print(x.grad)
