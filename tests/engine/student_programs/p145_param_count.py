import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(10, 20), nn.ReLU(), nn.Linear(20, 5))
print(sum(p.numel() for p in model.parameters()))
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
for name, p in model.named_parameters():
    print(name, tuple(p.shape), p.dtype, p.requires_grad)
model[0].weight.requires_grad_(False)
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
print(len(list(model.parameters())), len(list(model.children())))
print([type(m).__name__ for m in model.modules()])
print(model[0].weight.shape, model[-1].bias.shape)
print(len(model))
