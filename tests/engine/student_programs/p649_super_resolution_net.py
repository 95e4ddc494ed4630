# a small super-resolution model: bilinear upsampling of the input plus a learned residual
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(11)
hr = torch.rand(6, 1, 8, 8)
hr = F.avg_pool2d(hr, 3, stride=1, padding=1, count_include_pad=False)  # smooth images
lr = F.interpolate(hr, scale_factor=0.5, mode="bilinear")


class SRNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(1, 4, kernel_size=4, stride=2, padding=1)
        self.body = nn.Sequential(nn.ReLU(), nn.Conv2d(4, 1, 3, padding=1))

    def forward(self, x):
        base = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
        return base + self.body(self.up(x))


net = SRNet()
print(net)
with torch.no_grad():
    bicubic_free = F.interpolate(lr, scale_factor=2, mode="bilinear")
print("bilinear baseline mse:", f"{F.mse_loss(bicubic_free, hr).item():.6f}")
opt = torch.optim.Adam(net.parameters(), lr=0.01)
for it in range(1, 21):
    sr = net(lr)
    loss = F.mse_loss(sr, hr)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if it % 4 == 0:
        print(f"iter {it:2d} mse {loss.item():.6f}")
print(sr.grad_fn.name(), [type(f).__name__ for f, _ in sr.grad_fn.next_functions])
print("up.weight grad:", f"{net.up.weight.grad.abs().max().item():.5f}")
