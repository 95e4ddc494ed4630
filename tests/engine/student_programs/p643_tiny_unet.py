# a tiny U-Net: down with MaxPool, up with Upsample(bilinear) + skip connection by torch.cat
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(42)


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU())


class TinyUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = block(1, 4)
        self.enc2 = block(4, 8)
        self.pool = nn.MaxPool2d(2)
        self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.dec = block(8 + 4, 4)
        self.head = nn.Conv2d(4, 1, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        u = self.up(e2)
        d = self.dec(torch.cat([u, e1], dim=1))
        return self.head(d)


# segmentation target: pixels above the image mean
images = torch.randn(8, 1, 8, 8)
images[:, :, 2:5, 3:7] += 2.0
masks = (images > images.mean(dim=(2, 3), keepdim=True)).float()

net = TinyUNet()
print(net)
out = net(images[:1])
print("output shape:", tuple(out.shape), out.grad_fn.name())
print("upsampled features grad_fn:", net.up(torch.ones(1, 1, 2, 2, requires_grad=True)).grad_fn.name())

opt = torch.optim.SGD(net.parameters(), lr=0.5, momentum=0.9)
for epoch in range(12):
    logits = net(images)
    loss = F.binary_cross_entropy_with_logits(logits, masks)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 3 == 2:
        acc = ((logits > 0).float() == masks).float().mean()
        print(f"epoch {epoch + 1:2d} loss {loss.item():.4f} pixel acc {acc.item():.3f}")
print("enc1 grad mean abs:", f"{net.enc1[0].weight.grad.abs().mean().item():.5f}")
