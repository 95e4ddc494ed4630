# HW6: tiny CNN on random "images" (seeded)
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
X = torch.randn(16, 1, 8, 8)
y = torch.randint(0, 3, (16,))
print("labels:", y)

class TinyCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(4, 8, 3)
        self.fc = nn.Linear(8 * 2 * 2, 3)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        print("after pool1", x.shape) if self.training and not hasattr(self, "_done") else None
        self._done = True
        x = F.relu(self.conv2(x))
        x = x.view(x.size(0), -1)
        return self.fc(x)

net = TinyCNN()
print(net)
print("conv1 weight[0]:", net.conv1.weight[0])
print("conv1 bias:", net.conv1.bias)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
for ep in range(15):
    opt.zero_grad()
    out = net(X)
    loss = F.cross_entropy(out, y)
    loss.backward()
    opt.step()
    if ep % 3 == 0:
        acc = (out.argmax(1) == y).float().mean()
        print(f"ep {ep} loss={loss.item():.4f} acc={acc.item():.3f}")
print(f"grad norm conv2: {net.conv2.weight.grad.norm().item():.4f}")
print(out[:3].detach().round(decimals=2))
