# upsampling a 1-d signal with nearest and linear interpolation, scale factors and sizes
import torch
import torch.nn as nn
import torch.nn.functional as F

sig = torch.tensor([[[0.0, 1.0, 4.0, 9.0, 16.0]]])
print("nearest x2:", F.interpolate(sig, scale_factor=2))
print("linear x2:", F.interpolate(sig, scale_factor=2, mode="linear"))
print("linear x2 align:", F.interpolate(sig, scale_factor=2, mode="linear", align_corners=True))
print("linear size 9 align:", F.interpolate(sig, size=9, mode="linear", align_corners=True))
print("linear to 3:", F.interpolate(sig, size=3, mode="linear"))
print("nearest x1.7:", F.interpolate(sig, scale_factor=1.7))
print("nearest x1.7 recompute:", F.interpolate(sig, scale_factor=1.7, recompute_scale_factor=True))
print("linear x1.7:", F.interpolate(sig, scale_factor=1.7, mode="linear"))
print("linear x1.7 recompute:", F.interpolate(sig, scale_factor=1.7, mode="linear",
                                              recompute_scale_factor=True))
print("area to 2:", F.interpolate(sig, size=2, mode="area"))
up = nn.Upsample(scale_factor=3, mode="linear")
print(up, up(sig).shape)

t = torch.linspace(0, 3.14159, 8).view(1, 1, 8)
coarse = torch.sin(t)
fine = F.interpolate(coarse, size=29, mode="linear", align_corners=True)
exact = torch.sin(torch.linspace(0, 3.14159, 29)).view(1, 1, 29)
print("max interpolation error:", f"{(fine - exact).abs().max().item():.5f}")

x = sig.clone().requires_grad_()
y = F.interpolate(x, size=7, mode="linear")
print(type(y.grad_fn).__name__)
y.backward(torch.arange(7.0).view(1, 1, 7))
print(x.grad)
