# the errors students hit with interpolate / Upsample / ConvTranspose2d / Bilinear
import torch
import torch.nn as nn
import torch.nn.functional as F

img = torch.rand(1, 3, 4, 4)
seq = torch.rand(1, 2, 5)
attempts = [
    ("no size or scale", lambda: F.interpolate(img)),
    ("both size and scale", lambda: F.interpolate(img, size=8, scale_factor=2)),
    ("align_corners with nearest", lambda: F.interpolate(img, scale_factor=2, align_corners=True)),
    ("bilinear on a sequence", lambda: F.interpolate(seq, scale_factor=2, mode="bilinear")),
    ("linear on an image", lambda: F.interpolate(img, scale_factor=2, mode="linear")),
    ("image without batch dim", lambda: F.interpolate(img[0, 0], scale_factor=2)),
    ("size with wrong length", lambda: F.interpolate(img, size=(8, 8, 8))),
    ("size and recompute", lambda: F.interpolate(img, size=8, recompute_scale_factor=True)),
    ("scale too small", lambda: F.interpolate(img, scale_factor=0.2)),
    ("typo in mode", lambda: F.interpolate(img, scale_factor=2, mode="bilinaer")),
    ("integer image", lambda: F.interpolate((img * 255).long(), scale_factor=2)),
    ("Upsample without args", lambda: nn.Upsample()(img)),
    ("wrong in_channels", lambda: nn.ConvTranspose2d(4, 2, 3)(img)),
    ("output_padding too big", lambda: nn.ConvTranspose2d(3, 2, 3, stride=2, output_padding=2)(img)),
    ("bad output_size", lambda: nn.ConvTranspose2d(3, 2, 3, stride=2)(img, output_size=(12, 12))),
    ("reflect padding", lambda: nn.ConvTranspose2d(3, 2, 3, padding_mode="reflect")),
    ("2-d input", lambda: F.conv_transpose2d(img[0, 0], torch.rand(3, 2, 3, 3))),
    ("bilinear sizes", lambda: nn.Bilinear(3, 4, 2)(torch.rand(5, 3), torch.rand(5, 3))),
    ("bilinear batch", lambda: nn.Bilinear(3, 4, 2)(torch.rand(5, 3), torch.rand(4, 4))),
]
for name, fn in attempts:
    try:
        out = fn()
        print(f"{name}: ok {tuple(out.shape) if hasattr(out, 'shape') else out}")
    except Exception as e:
        print(f"{name}: {type(e).__name__}: {e}")
