# a tiny convolutional autoencoder on random 1x8x8 "images": Conv2d downsampling, ConvTranspose2d back up
import torch
import torch.nn as nn

torch.manual_seed(0)
data = torch.rand(16, 1, 8, 8)
data[:8, :, 2:6, 2:6] += 1.0  # half of the images have a bright square
data = data / data.amax(dim=(1, 2, 3), keepdim=True)


class AutoEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 4, kernel_size=3, stride=2, padding=1),  # 8x8 -> 4x4
            nn.ReLU(),
            nn.Conv2d(4, 8, kernel_size=3, stride=2, padding=1),  # 4x4 -> 2x2
            nn.ReLU(),
        )
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(8, 4, kernel_size=3, stride=2, padding=1, output_padding=1),  # -> 4x4
            nn.ReLU(),
            nn.ConvTranspose2d(4, 1, kernel_size=2, stride=2),  # -> 8x8
            nn.Sigmoid(),
        )

    def forward(self, x):
        return self.decoder(self.encoder(x))


model = AutoEncoder()
print(model)
print("parameters:", sum(p.numel() for p in model.parameters()))
print("decoder weight shapes:", [tuple(p.shape) for p in model.decoder.parameters()])
x = data[:2]
for part in (model.encoder, model.decoder):
    for layer in part:
        x = layer(x)
        print(f"{layer.__class__.__name__:16s} -> {tuple(x.shape)}")

opt = torch.optim.Adam(model.parameters(), lr=0.02)
loss_fn = nn.MSELoss()
for step in range(1, 31):
    recon = model(data)
    loss = loss_fn(recon, data)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 5 == 0:
        print(f"step {step:2d}  loss {loss.item():.5f}")

print(recon.grad_fn.name())
print(type(recon.grad_fn.next_functions[0][0]).__name__)
with torch.no_grad():
    out = model(data[:1])
print(out[0, 0, :2].round(decimals=3))
print("grad norm of last decoder weight:", round(model.decoder[2].weight.grad.norm().item(), 4))
