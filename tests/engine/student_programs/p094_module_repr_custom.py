import torch
import torch.nn as nn
from collections import OrderedDict

class Block(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.lin = nn.Linear(n, n, bias=False)
        self.act = nn.GELU()

    def forward(self, x):
        return self.act(self.lin(x)) + x

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(Block(4), Block(4))
        self.head = nn.Linear(4, 2)
        self.loss = nn.CrossEntropyLoss()

    def forward(self, x):
        return self.head(self.blocks(x))

net = Net()
print(net)
print(nn.Sequential(OrderedDict([("fc", nn.Linear(3, 2)), ("relu", nn.ReLU())])))
print(nn.Linear(3, 4, bias=False))
print(nn.Softmax(dim=1), nn.LogSoftmax(dim=-1), nn.Dropout(p=0.2), nn.Flatten())
print(nn.LeakyReLU(), nn.Softplus(), nn.CELU(), nn.ELU(alpha=0.5), nn.GELU(approximate='tanh'))
print(nn.ModuleList([nn.ReLU(), nn.Tanh()]))
print(nn.Sequential())
print([n for n, _ in net.named_modules()])
print([type(m).__name__ for m in net.children()])
print(net.head.in_features, net.head.out_features)
