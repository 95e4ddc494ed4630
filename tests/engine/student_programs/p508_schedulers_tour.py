import torch
from torch import optim
w = torch.nn.Parameter(torch.zeros(2))
def run(make, n=8):
    opt = optim.SGD([w], lr=0.1)
    sch = make(opt)
    lrs = []
    for _ in range(n):
        opt.step()
        sch.step()
        lrs.append(round(opt.param_groups[0]["lr"], 5))
    return lrs
print("StepLR", run(lambda o: optim.lr_scheduler.StepLR(o, 3, gamma=0.1)))
print("MultiStep", run(lambda o: optim.lr_scheduler.MultiStepLR(o, milestones=[2, 5], gamma=0.5)))
print("Exp", run(lambda o: optim.lr_scheduler.ExponentialLR(o, gamma=0.9)))
print("Cosine", run(lambda o: optim.lr_scheduler.CosineAnnealingLR(o, T_max=4)))
print("Lambda", run(lambda o: optim.lr_scheduler.LambdaLR(o, lambda e: 1 / (e + 1))))
opt = optim.SGD([w], lr=1.0)
plat = optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=1)
for loss in [1.0, 0.9, 0.95, 0.96, 0.97, 0.5, 0.6, 0.7]:
    plat.step(loss)
    print(loss, opt.param_groups[0]["lr"])
opt = optim.Adam([w], lr=0.01)
s = optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=10)
for i in range(10):
    opt.step(); s.step()
    print(i, f"{s.get_last_lr()[0]:.6f}")
print(s.state_dict()["last_epoch"])
