import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
opt = torch.optim.SGD([
    {"params": net[0].parameters(), "lr": 0.01},
    {"params": net[1].parameters()},
], lr=0.1, momentum=0.9)
print([g["lr"] for g in opt.param_groups], [len(g["params"]) for g in opt.param_groups])
extra = torch.zeros(3, requires_grad=True)
opt.add_param_group({"params": [extra], "lr": 1.0, "momentum": 0.0})
print(len(opt.param_groups), opt.param_groups[2]["momentum"], opt.param_groups[2]["nesterov"])
for g in opt.param_groups:
    g["lr"] *= 0.5
print([g["lr"] for g in opt.param_groups])
extra.grad = torch.ones(3)
opt.step()
print(extra)
opt.zero_grad(set_to_none=False)
print(extra.grad)
opt.zero_grad()
print(extra.grad)
print(opt)
try:
    torch.optim.SGD([extra], lr=-1)
except ValueError as e:
    print("ValueError:", e)
torch.optim.Adam([{"params": [extra]}, {"params": [extra]}])
