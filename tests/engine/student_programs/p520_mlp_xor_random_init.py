import torch
import torch.nn as nn
torch.manual_seed(2024)
X = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
Y = torch.tensor([[0.], [1.], [1.], [0.]])
class XOR(nn.Module):
    def __init__(self, hidden=4):
        super(XOR, self).__init__()
        self.l1 = nn.Linear(2, hidden)
        self.l2 = nn.Linear(hidden, 1)
    def forward(self, x):
        return torch.sigmoid(self.l2(torch.sigmoid(self.l1(x))))
net = XOR()
print(net.l1.weight, net.l1.bias, sep="\n")
crit = nn.BCELoss()
opt = torch.optim.SGD(net.parameters(), lr=2.0)
for epoch in range(2001):
    opt.zero_grad()
    out = net(X)
    loss = crit(out, Y)
    loss.backward()
    opt.step()
    if epoch % 400 == 0:
        print("Epoch", epoch, "Loss", loss.item())
print(net(X).detach().round(decimals=3))
print((net(X) > 0.5).int().flatten())
print(net.state_dict())
