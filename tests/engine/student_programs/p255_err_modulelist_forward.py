import torch
import torch.nn as nn

layers = nn.ModuleList([nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1)])
print(layers)
print(len(layers), layers[1], layers[-1].out_features)
x = torch.ones(3, 2)
h = x
for layer in layers:
    h = layer(h)
print(h.shape)
print(isinstance(layers, nn.Module), sum(p.numel() for p in layers.parameters()))
# Sequential のつもりで直接呼ぶ
out = layers(x)
