import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1), nn.Sigmoid())
print(model)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 8, bias=False)
        self.act = nn.Tanh()
        self.drop = nn.Dropout(0.25)
        self.fc2 = nn.Linear(8, 3)
        self.layers = nn.ModuleList([nn.Linear(3, 3) for _ in range(2)])

    def forward(self, x):
        return self.fc2(self.drop(self.act(self.fc1(x))))

net = Net()
print(net)
print(nn.Linear(1, 1))
print(nn.MSELoss(), nn.CrossEntropyLoss())
print(nn.Softmax(dim=1), nn.LeakyReLU(0.1))
print(nn.Sequential())
