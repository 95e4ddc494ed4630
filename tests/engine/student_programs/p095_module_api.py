import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 3)
        self.fc2 = nn.Linear(3, 1)
        self.register_buffer("scale", torch.tensor(2.0))

    def forward(self, x):
        return self.fc2(torch.sigmoid(self.fc1(x))) * self.scale

net = Net()
def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.3)
        nn.init.zeros_(m.bias)
net.apply(init_weights)
print(net.fc1.weight)
print(net.state_dict()["scale"])
print(list(net.state_dict().keys()))
print([name for name, _ in net.named_buffers()])
out = net(torch.tensor([[1.0, -1.0]]))
print(out)
out.backward()
print(net.fc1.weight.grad)
for p in net.fc1.parameters():
    p.requires_grad_(False)
print([p.requires_grad for p in net.parameters()])
print(sum(p.numel() for p in net.parameters() if p.requires_grad))
net.zero_grad()
print(net.fc2.weight.grad)
x = net.fc1.weight.detach()
print(x.requires_grad)
try:
    net.fc1.weight = torch.ones(3, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    net.nonexistent
except AttributeError as e:
    print("AttributeError:", e)
