import torch
import torch.nn as nn
from torch.distributions import Normal, kl_divergence
torch.manual_seed(55)
enc = nn.Linear(4, 4)
dec = nn.Linear(2, 4)
opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-2)
data = torch.randn(32, 4)
prior = Normal(torch.zeros(2), torch.ones(2))
for step in range(30):
    h = enc(data)
    mu, logvar = h[:, :2], h[:, 2:]
    std = torch.exp(0.5 * logvar)
    eps = torch.randn_like(std)
    z = mu + eps * std
    recon = dec(z)
    rec = ((recon - data) ** 2).sum(1).mean()
    q = Normal(mu, std)
    kl = kl_divergence(q, prior).sum(1).mean()
    loss = rec + kl
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 5 == 0:
        print(f"step {step:2d} rec {rec.item():.4f} kl {kl.item():.4f}")
print(mu[:2])
print(q.log_prob(z).shape)
print(Normal(0, 1).cdf(torch.tensor([-1.0, 0.0, 1.96])))
print(Normal(0, 1).icdf(torch.tensor([0.025, 0.5])))
