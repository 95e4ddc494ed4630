import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 3)
        self.fc2 = nn.Linear(3, 1)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))

net = Net()
print(net)
for name, p in net.named_parameters():
    print(name, p.shape, p.requires_grad)
print(sum(p.numel() for p in net.parameters()))
for p in net.parameters():
    nn.init.constant_(p, 0.1)
x = torch.tensor([[1.0, 2.0], [-1.0, 0.5]])
out = net(x)
print(out)
out.sum().backward()
print(net.fc1.weight.grad)
print(net.fc2.bias.grad)
print(list(net.state_dict().keys()))
