import torch
import torch.nn as nn

class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(8, 3, bias=False)
        self.head = nn.Sequential(nn.Linear(3, 3), nn.Softmax(dim=1))

    def forward(self, x):
        return self.head(self.fc2(self.act(self.fc1(x))))

m = MLP()
print(m)
total = 0
for name, p in m.named_parameters():
    print(f"{name:<16} {str(list(p.shape)):<8} {p.numel():>4} {p.dtype}")
    total += p.numel()
print("total", total)
print([n for n, _ in m.named_children()])
print([n for n, _ in m.named_modules()])
print(m.fc1.weight.shape, m.fc2.bias, m.head[0].bias.shape)
print(dict((n, tuple(p.shape)) for n, p in m.named_parameters()))
for p in m.fc1.parameters():
    p.requires_grad_(False)
print(sum(p.numel() for p in m.parameters() if p.requires_grad))
print(m.fc1.weight.requires_grad, m.fc1)
