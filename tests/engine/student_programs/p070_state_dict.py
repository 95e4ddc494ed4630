import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
with torch.no_grad():
    for p in net.parameters():
        p.fill_(0.5)
sd = net.state_dict()
for k, v in sd.items():
    print(k, v)
net2 = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
print(net2.load_state_dict(sd))
print(net2(torch.ones(1, 2)))
net2.eval()
print(net2.training)
net2.train()
print(net2.training)
