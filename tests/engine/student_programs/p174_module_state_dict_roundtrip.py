import torch
import torch.nn as nn

class TwoLayer(nn.Module):
    def __init__(self, d_in, d_hidden, d_out):
        super().__init__()
        self.fc1 = nn.Linear(d_in, d_hidden)
        self.fc2 = nn.Linear(d_hidden, d_out)

    def forward(self, x):
        h = torch.tanh(self.fc1(x))
        return self.fc2(h)

net = TwoLayer(3, 4, 2)
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) * 0.1 - 0.2 * i)
sd = net.state_dict()
print(list(sd.keys()))
print(sd)
clone = TwoLayer(3, 4, 2)
result = clone.load_state_dict(sd)
print(result)
print(result.missing_keys, result.unexpected_keys)
x = torch.tensor([[1.0, -1.0, 0.5]])
print(net(x))
print(clone(x))
print(torch.equal(net(x), clone(x)))
sd["fc1.bias"] += 1
print(net.fc1.bias)
print(sd["fc2.weight"].requires_grad, net.fc2.weight.requires_grad)
