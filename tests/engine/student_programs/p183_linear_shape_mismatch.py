import torch
import torch.nn as nn

layer = nn.Linear(3, 2)
print(layer.weight.shape, layer.bias.shape)
x_ok = torch.ones(4, 3)
print(layer(x_ok).shape)
print(layer(torch.ones(3)).shape)
print(layer(torch.ones(5, 4, 3)).shape)
x_bad = torch.ones(4, 2)
out = layer(x_bad)
