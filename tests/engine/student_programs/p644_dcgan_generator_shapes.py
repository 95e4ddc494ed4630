# a DCGAN-style generator: latent vector -> image with ConvTranspose2d, BatchNorm2d, ReLU, Tanh
import torch
import torch.nn as nn

torch.manual_seed(7)
nz, ngf = 8, 4


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False),      # 1x1 -> 4x4
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),  # -> 8x8
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, 1, 4, 2, 1, bias=False),       # -> 16x16
            nn.Tanh(),
        )

    def forward(self, z):
        return self.main(z)


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find("BatchNorm") != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


netG = Generator()
netG.apply(weights_init)
print(netG)
for name, p in netG.named_parameters():
    print(f"{name:16s} {str(tuple(p.shape)):16s} std {p.std().item():.4f}")

z = torch.randn(4, nz, 1, 1)
x = z
for layer in netG.main:
    x = layer(x)
    if isinstance(layer, nn.ConvTranspose2d):
        print(f"{str(layer):70s} -> {tuple(x.shape)}")
fake = netG(z)
print("fake range:", f"{fake.min().item():.4f}", f"{fake.max().item():.4f}", fake.grad_fn.name())

# one generator step towards a target image (as if the discriminator wanted all-ones)
opt = torch.optim.Adam(netG.parameters(), lr=0.01, betas=(0.5, 0.999))
for step in range(5):
    fake = netG(z)
    loss = ((fake - 1.0) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"step {step}: loss {loss.item():.5f}")
print("first conv weight grad norm:", f"{netG.main[0].weight.grad.norm().item():.5f}")
