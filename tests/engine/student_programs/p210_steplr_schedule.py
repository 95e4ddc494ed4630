import torch
from torch.optim.lr_scheduler import StepLR

w = torch.tensor([4.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.2)
scheduler = StepLR(opt, step_size=3, gamma=0.5)
for epoch in range(8):
    opt.zero_grad()
    loss = (w ** 2).sum()
    loss.backward()
    opt.step()
    scheduler.step()
    print(epoch, f"lr={opt.param_groups[0]['lr']:.4f}", scheduler.get_last_lr(), round(w.item(), 5))
print(scheduler.state_dict()["last_epoch"])
print(opt.param_groups[0]["initial_lr"], opt.param_groups[0]["lr"])
