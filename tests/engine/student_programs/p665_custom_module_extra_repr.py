# custom modules with extra_repr and nested Sequentials; print everything
import torch
import torch.nn as nn

class Scale(nn.Module):
    def __init__(self, factor: float, learnable: bool = False):
        super().__init__()
        self.learnable = learnable
        if learnable:
            self.factor = nn.Parameter(torch.tensor(factor))
        else:
            self.register_buffer("factor", torch.tensor(factor))

    def forward(self, x):
        return x * self.factor

    def extra_repr(self):
        return f"factor={self.factor.item()}, learnable={self.learnable}"

class Block(nn.Module):
    def __init__(self, d_in, d_out, p=0.1):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d_in, d_out), nn.LayerNorm(d_out), nn.GELU(), nn.Dropout(p))
        self.skip = nn.Identity() if d_in == d_out else nn.Linear(d_in, d_out, bias=False)

    def forward(self, x):
        return self.body(x) + self.skip(x)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(Block(4, 8), Block(8, 8, p=0.0), Scale(0.5))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(8, 3), nn.LogSoftmax(dim=1))
        self.scale = Scale(2.0, learnable=True)

    def forward(self, x):
        return self.head(self.blocks(x) * self.scale.factor)

torch.manual_seed(0)
net = Net()
print(net)
print(net.blocks[0])
print(net.blocks[1:])
print([n for n, _ in net.named_children()])
print([n for n, _ in net.named_modules()][:8])
print(list(net.state_dict().keys()))
print([n for n, _ in net.named_buffers()])
print(sum(p.numel() for p in net.parameters()))
out = net(torch.randn(2, 4))
print(out.shape, out.grad_fn.name(), type(out.grad_fn).__name__)
print(out.exp().sum(1))
print(nn.ModuleDict({"enc": nn.Linear(2, 2), "act": nn.LeakyReLU(0.2)}))
print(nn.ModuleList([nn.Conv2d(1, 2, 3, stride=2, padding=1), nn.MaxPool2d(2, 2), nn.AvgPool2d(3)]))
