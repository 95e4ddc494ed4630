import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(3, 3), nn.Sigmoid(), nn.Linear(3, 1))
def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.25)
        nn.init.zeros_(m.bias)
print(net.apply(init_weights))
print(net[0].weight)
print(net[2].bias)
nn.init.eye_(net[0].weight)
print(net[0].weight)
with torch.no_grad():
    net[2].weight.fill_(1.0)
    net[2].weight[0, 0] = -1.0
x = torch.tensor([[0.5, 1.0, 2.0]])
out = net(x)
print(out)
out.backward()
print(net[0].weight.grad)
print(net[0].bias.grad)
print(nn.init.calculate_gain("relu"), nn.init.calculate_gain("tanh"))
