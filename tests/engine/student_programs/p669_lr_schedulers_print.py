# compare lr schedules by printing get_last_lr
import torch
from torch import nn, optim
from torch.optim import lr_scheduler

def make():
    m = nn.Linear(2, 1)
    return optim.SGD(m.parameters(), lr=0.1, momentum=0.9)

o = make(); s = lr_scheduler.ExponentialLR(o, gamma=0.9)
lrs = []
for _ in range(5):
    o.step(); s.step(); lrs.append(s.get_last_lr()[0])
print("exp", lrs)
o = make(); s = lr_scheduler.MultiStepLR(o, milestones=[2, 4], gamma=0.1)
lrs = []
for _ in range(6):
    o.step(); s.step(); lrs.append(s.get_last_lr()[0])
print("multistep", lrs)
o = make(); s = lr_scheduler.CosineAnnealingLR(o, T_max=6, eta_min=0.001)
for e in range(8):
    o.step(); s.step()
    print(f"cos {e}: {s.get_last_lr()[0]:.6f}")
o = make(); s = lr_scheduler.LambdaLR(o, lr_lambda=lambda ep: 1 / (ep + 1))
for e in range(4):
    o.step(); s.step()
print("lambda", s.get_last_lr(), o.param_groups[0]["lr"])
o = make(); s = lr_scheduler.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=1)
for val in [1.0, 0.9, 0.95, 0.96, 0.97, 0.5, 0.6, 0.7]:
    o.step(); s.step(val)
    print("plateau", val, o.param_groups[0]["lr"], s.get_last_lr())
o = make(); s = lr_scheduler.OneCycleLR(o, max_lr=1.0, total_steps=10)
vals = []
for _ in range(9):
    o.step(); s.step(); vals.append(round(s.get_last_lr()[0], 5))
print("onecycle", vals)
print([round(g["momentum"], 4) for g in o.param_groups])
o = make(); s = lr_scheduler.LinearLR(o, start_factor=0.25, total_iters=4)
print("linear", [s.get_last_lr()[0]] + [(o.step(), s.step(), s.get_last_lr()[0])[2] for _ in range(5)])
o = make()
warm = lr_scheduler.LinearLR(o, start_factor=0.1, total_iters=3)
cos = lr_scheduler.CosineAnnealingLR(o, T_max=5)
seq = lr_scheduler.SequentialLR(o, schedulers=[warm, cos], milestones=[3])
out = []
for _ in range(8):
    o.step(); seq.step(); out.append(f"{seq.get_last_lr()[0]:.4f}")
print("seq", out)
o = make(); s = lr_scheduler.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=2)
print("cyclic", [round((o.step(), s.step(), s.get_last_lr()[0])[2], 4) for _ in range(6)])
