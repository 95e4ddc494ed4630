# sine regression with an MLP, Adam + StepLR, print lr each time it changes
import math
import torch
from torch import nn

torch.manual_seed(0)
x = torch.linspace(-math.pi, math.pi, 64).unsqueeze(1)
y = torch.sin(x) + 0.1 * torch.randn_like(x)

class Net(nn.Module):
    def __init__(self, hidden=16):
        super().__init__()
        self.fc1 = nn.Linear(1, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, 1)
        self.act = nn.ReLU()

    def forward(self, x):
        x = self.act(self.fc1(x))
        x = self.act(self.fc2(x))
        return self.out(x)

net = Net()
print(net)
optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=100, gamma=0.5)
criterion = nn.MSELoss()
last_lr = None
for step in range(400):
    optimizer.zero_grad()
    loss = criterion(net(x), y)
    loss.backward()
    optimizer.step()
    scheduler.step()
    if scheduler.get_last_lr() != last_lr:
        last_lr = scheduler.get_last_lr()
        print(f"step {step}: lr -> {last_lr}")
    if step % 50 == 49:
        print(f"step {step+1}, loss = {loss.item():.5f}")
print(optimizer.param_groups[0]["lr"])
print(scheduler.state_dict())
net.eval()
with torch.no_grad():
    test = torch.tensor([[0.0], [math.pi / 2], [-math.pi / 2]])
    print(net(test).squeeze().tolist())
    print(net(test).round(decimals=3))
