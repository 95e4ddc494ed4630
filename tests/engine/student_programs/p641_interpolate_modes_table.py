# how nearest / bilinear / align_corners upsampling fill in a 2x2 image, and the grad_fn they record
import torch
import torch.nn as nn
import torch.nn.functional as F

img = torch.arange(1.0, 5.0).view(1, 1, 2, 2)
print(img)
print("nearest x2:")
print(F.interpolate(img, scale_factor=2, mode="nearest"))
print("bilinear x2 (align_corners=False, the default):")
print(F.interpolate(img, scale_factor=2, mode="bilinear"))
print("bilinear x2 (align_corners=True):")
print(F.interpolate(img, scale_factor=2, mode="bilinear", align_corners=True))
print("bilinear to size (3, 5):")
print(F.interpolate(img, size=(3, 5), mode="bilinear"))
print("nearest to size 3 (not a multiple):")
print(F.interpolate(img, size=3))

for m in [nn.Upsample(scale_factor=2), nn.Upsample(size=(4, 6), mode="bilinear"),
          nn.UpsamplingNearest2d(scale_factor=3), nn.UpsamplingBilinear2d(scale_factor=2),
          nn.Upsample(scale_factor=(1, 2.5), mode="nearest")]:
    y = m(img)
    print(m, tuple(y.shape), f"{y.sum().item():.4f}")

x = img.clone().requires_grad_()
for mode, kw in [("nearest", {}), ("bilinear", {"align_corners": False}),
                 ("bilinear", {"align_corners": True})]:
    y = F.interpolate(x, scale_factor=1.5, mode=mode, **kw)
    print(mode, kw, y.grad_fn.name(), tuple(y.shape))
    y.sum().backward()
    print(x.grad)
    x.grad = None

# a downsample then upsample round trip
big = torch.linspace(0, 1, 36).view(1, 1, 6, 6)
small = F.interpolate(big, scale_factor=0.5, mode="bilinear")
back = F.interpolate(small, size=(6, 6), mode="bilinear")
print(small)
print("round-trip max error:", f"{(back - big).abs().max().item():.4f}")
