import torch
import torch.nn as nn

class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = [nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]

    def forward(self, x):
        for layer in self.layers:
            x = torch.relu(layer(x))
        return x

class MLPFixed(MLP):
    def __init__(self, sizes):
        super().__init__(sizes)
        self.layers = nn.ModuleList(self.layers)

good = MLPFixed([4, 8, 2])
print(good)
print(sum(p.numel() for p in good.parameters()), len(list(good.parameters())))
bad = MLP([4, 8, 2])
print(bad)
print(len(list(bad.parameters())))
print(bad(torch.zeros(1, 4)).shape)
opt = torch.optim.SGD(bad.parameters(), lr=0.1)
