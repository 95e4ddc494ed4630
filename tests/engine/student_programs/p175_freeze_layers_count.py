import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU())
        self.head = nn.Linear(16, 3)

    def forward(self, x):
        return self.head(self.features(x))

net = Net()
def count(m, trainable_only=False):
    return sum(p.numel() for p in m.parameters() if p.requires_grad or not trainable_only)

print("total:", count(net))
for p in net.features.parameters():
    p.requires_grad = False
print("trainable:", count(net, True))
print([n for n, p in net.named_parameters() if p.requires_grad])
print(f"{count(net):,} params, {count(net, True) / count(net):.2%} trainable")
opt = torch.optim.SGD(filter(lambda p: p.requires_grad, net.parameters()), lr=0.1)
print(len(opt.param_groups[0]["params"]))
out = net(torch.ones(2, 8))
print(out.shape, out.requires_grad, out.grad_fn.name())
out.sum().backward()
print(net.features[0].weight.grad, net.head.bias.grad)
for name, mod in net.named_modules():
    print(repr(name), type(mod).__name__)
