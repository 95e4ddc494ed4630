import torch
import torch.nn as nn

class PolyModel(nn.Module):
    def __init__(self, degree):
        super().__init__()
        self.coefs = nn.ParameterList([nn.Parameter(torch.tensor(float(i))) for i in range(degree + 1)])

    def forward(self, x):
        return sum(c * x ** i for i, c in enumerate(self.coefs))

class Stack(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.scales = nn.ParameterList([nn.Parameter(torch.ones(n)) for n in sizes[1:]])

    def forward(self, x):
        for layer, s in zip(self.layers, self.scales):
            x = torch.relu(layer(x)) * s
        return x

m = PolyModel(3)
print(m)
for name, p in m.named_parameters():
    print(name, p.shape, p.item())
x = torch.tensor(2.0)
y = m(x)
y.backward()
print(y.item(), [c.grad.item() for c in m.coefs])
print(len(m.coefs), m.coefs[1])

s = Stack([3, 4, 2])
print(s)
for name, p in s.named_parameters():
    print(f"{name:18s} {str(tuple(p.shape)):8s} {p.requires_grad}")
print(sum(p.numel() for p in s.parameters()))
with torch.no_grad():
    for layer in s.layers:
        layer.weight.fill_(0.1)
        layer.bias.zero_()
out = s(torch.tensor([[1.0, 2.0, 3.0]]))
print(out)
s.scales.append(nn.Parameter(torch.zeros(1)))
print(len(list(s.parameters())), len(s.scales))
print(list(s.state_dict().keys()))
