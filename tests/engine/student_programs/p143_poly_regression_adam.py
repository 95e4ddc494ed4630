import torch

xs = torch.linspace(-1, 1, 11)
ys = 2 * xs ** 3 - xs + 0.5
coef = torch.zeros(4, requires_grad=True)
opt = torch.optim.Adam([coef], lr=0.1)
X = torch.stack([xs ** k for k in range(4)], dim=1)
for epoch in range(60):
    opt.zero_grad()
    pred = X @ coef
    loss = ((pred - ys) ** 2).mean()
    loss.backward()
    opt.step()
    if epoch % 10 == 0:
        print(epoch, round(loss.item(), 4))
print([round(c, 2) for c in coef.tolist()])
print(round(loss.item(), 3))
