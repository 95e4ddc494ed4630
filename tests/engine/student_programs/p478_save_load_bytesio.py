import io
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 4)
        self.fc2 = nn.Linear(4, 1)
        self.register_buffer("steps", torch.tensor(0))
    def forward(self, x):
        self.steps += 1
        return self.fc2(torch.relu(self.fc1(x)))

net = Net()
for p in net.parameters():
    nn.init.constant_(p, 0.3)
x = torch.tensor([[1.0, 2.0], [0.5, -1.0]])
print(net(x))
print(net.steps)

opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
net(x).sum().backward()
opt.step()
osd = opt.state_dict()
print(osd["param_groups"])
print(sorted(osd["state"].keys()))
print(osd["state"][0]["momentum_buffer"])
net2 = Net()
opt2 = torch.optim.SGD(net2.parameters(), lr=0.5)
opt2.load_state_dict(osd)
print(opt2.param_groups[0]["lr"], opt2.param_groups[0]["momentum"])

buf = io.BytesIO()
torch.save(net.state_dict(), buf)
buf.seek(0)
sd = torch.load(buf)
print(type(sd).__name__, list(sd.keys()))
net2 = Net()
print(net2.load_state_dict(sd))
print(net2.steps, net2(x))
print(torch.equal(net(x), net2(x)))

buf = io.BytesIO()
torch.save({"epoch": 3, "model": net.state_dict(), "loss": 0.25, "t": torch.arange(3)}, buf)
buf.seek(0)
ck = torch.load(buf, weights_only=True)
print(ck["epoch"], ck["loss"], ck["t"], ck["model"]["fc2.bias"])

