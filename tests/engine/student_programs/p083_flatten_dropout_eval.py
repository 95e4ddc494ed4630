import torch
import torch.nn as nn

model = nn.Sequential(nn.Flatten(), nn.Linear(4, 2), nn.Dropout(0.5))
print(model)
with torch.no_grad():
    model[1].weight.fill_(1.0)
    model[1].bias.fill_(0.0)
model.eval()
x = torch.arange(8.0).reshape(2, 2, 2)
print(model(x))
print(nn.Flatten()(x).shape)
print(nn.Identity()(x).shape)
