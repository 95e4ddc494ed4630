# tiny autoencoder on random low-rank data; bottleneck codes, reconstruction error per sample
import torch
import torch.nn as nn

torch.manual_seed(0)
Z = torch.randn(200, 2)
A = torch.randn(2, 10)
data = torch.tanh(Z @ A) + 0.05 * torch.randn(200, 10)

class AE(nn.Module):
    def __init__(self, d=10, k=2):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(d, 6), nn.ELU(), nn.Linear(6, k))
        self.decoder = nn.Sequential(nn.Linear(k, 6), nn.ELU(alpha=0.5), nn.Linear(6, d), nn.Tanh())

    def forward(self, x):
        return self.decoder(self.encoder(x))

ae = AE()
print(ae)
opt = torch.optim.Adam(ae.parameters(), lr=1e-2)
crit = nn.MSELoss(reduction="mean")
loader = torch.utils.data.DataLoader(data, batch_size=50, shuffle=True)
for epoch in range(15):
    tot = 0.0
    for xb in loader:
        opt.zero_grad()
        loss = crit(ae(xb), xb)
        loss.backward()
        opt.step()
        tot += loss.item()
    if epoch % 5 == 4:
        print(f"epoch {epoch+1}: {tot / len(loader):.5f}")
with torch.no_grad():
    rec = ae(data)
    per_sample = ((rec - data) ** 2).mean(dim=1)
    codes = ae.encoder(data)
print(per_sample.shape, per_sample.max() > per_sample.min())
print("worst 3:", per_sample.topk(3).indices.tolist())
print(codes.mean(0), codes.std(0))
print(nn.MSELoss(reduction="none")(rec[:2], data[:2]).shape, nn.MSELoss(reduction="sum")(rec, data) / data.numel())
print(nn.L1Loss()(rec, data))
