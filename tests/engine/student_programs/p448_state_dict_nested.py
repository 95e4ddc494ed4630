import torch
import torch.nn as nn
from collections import OrderedDict

class Block(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.lin = nn.Linear(n_in, n_out)
        self.norm = nn.LayerNorm(n_out)
        self.act = nn.ReLU()
    def forward(self, x):
        return self.act(self.norm(self.lin(x)))

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(Block(4, 8), Block(8, 8))
        self.head = nn.Linear(8, 3)
        self.register_buffer("running", torch.zeros(3))
    def forward(self, x):
        return self.head(self.encoder(x))

net = Net()
print(net)
sd = net.state_dict()
print(type(sd).__name__, len(sd))
for k, v in sd.items():
    print(f"{k:32s} {str(tuple(v.shape)):10s} {v.dtype}")

with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.fill_(0.01 * i)
net2 = Net()
res = net2.load_state_dict(net.state_dict())
print(res)
print(torch.equal(net2.head.weight, net.head.weight))
print(net2.encoder[1].norm.bias)

sd = net.state_dict()
sd["head.weight"] = sd["head.weight"] * 2
print(net.head.weight[0, :3], sd["head.weight"][0, :3])
del sd["running"]
print(net2.load_state_dict(sd, strict=False))

partial = OrderedDict((k, v) for k, v in net.state_dict().items() if k.startswith("head"))
print(list(partial.keys()))
bad = {"head.weight": torch.zeros(2, 8), "head.bias": torch.zeros(3)}
try:
    net2.load_state_dict(bad, strict=False)
except RuntimeError as e:
    print("Error:", e)
try:
    net2.load_state_dict({"head.weight": torch.zeros(3, 8)})
except RuntimeError as e:
    print(str(e).splitlines()[0])
    print(len(str(e)))
