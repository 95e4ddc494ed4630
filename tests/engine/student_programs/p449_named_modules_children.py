import torch
from torch import nn

model = nn.Sequential(
    nn.Linear(10, 20),
    nn.Sequential(nn.Linear(20, 20), nn.Sigmoid()),
    nn.ModuleList([nn.Linear(20, 5), nn.Linear(20, 5)]),
)
print(model)
print("---- named_modules")
for name, mod in model.named_modules():
    print(repr(name), type(mod).__name__)
print("---- children")
for c in model.children():
    print(c.__class__.__name__)
print("---- named_parameters")
total = 0
for name, p in model.named_parameters():
    print(f"{name:<12} {list(p.shape)} {p.numel()}")
    total += p.numel()
print("total params:", total)
print("sum check:", sum(p.numel() for p in model.parameters() if p.requires_grad))
print(len(list(model.modules())), len(list(model.children())))
print(model[1][0])
print(model[2][1].weight.shape)
print(model[-1])
print(model[0:2])
print(len(model))
for n, b in model.named_buffers():
    print("buffer", n)

# growing containers the way the docs show
heads = model[2]
heads.append(nn.Linear(20, 1))
heads.insert(0, nn.Identity())
print(heads)
extras = nn.ParameterDict({"scale": nn.Parameter(torch.ones(1)), "shift": nn.Parameter(torch.zeros(1))})
print(extras)
print(sum(p.numel() for p in extras.parameters()))
model.register_module("extras_holder", nn.Module())
print(model.get_submodule("1.0"))
print(model[3])
