import torch
import torch.nn as nn

class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = torch.relu(x)
        return x

m = MLP([3, 4, 4, 2])
print(m)
print(len(list(m.parameters())))
for n, p in m.named_parameters():
    print(n, tuple(p.shape))
with torch.no_grad():
    for p in m.parameters():
        p.copy_(torch.full_like(p, 0.1))
print(m(torch.ones(1, 3)))
