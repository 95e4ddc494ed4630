import torch

xs = torch.linspace(-1, 1, 21)
ys = 0.5 * xs ** 3 - xs + 0.25
coef = torch.zeros(4, requires_grad=True)
opt = torch.optim.Adam([coef], lr=0.1)
powers = torch.stack([xs ** i for i in range(4)], dim=1)
for step in range(300):
    opt.zero_grad()
    loss = ((powers @ coef - ys) ** 2).mean()
    loss.backward()
    opt.step()
print(coef.detach().numpy().round(2))
print(f"{loss.item():.2e}" if loss.item() > 1e-8 else "tiny")
print(powers.shape, powers[0])
