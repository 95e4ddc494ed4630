import torch

p = torch.tensor([2.0], requires_grad=True)
opt = torch.optim.SGD([p], lr=0.1)
for epoch in range(6):
    opt.zero_grad()
    loss = (p ** 2).sum()
    loss.backward()
    opt.step()
    if epoch == 2:
        for g in opt.param_groups:
            g['lr'] = 0.01
    print(epoch, opt.param_groups[0]['lr'], p.item())
opt2 = torch.optim.SGD([p], lr=0.1, weight_decay=0.1)
opt2.zero_grad()
(p ** 2).sum().backward()
opt2.step()
print(p)
