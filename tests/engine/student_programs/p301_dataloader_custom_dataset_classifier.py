import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset, Subset


class Blobs(Dataset):
    """Two interleaved classes on a spiral-free grid: label = x > y."""

    def __init__(self, n):
        t = torch.arange(n, dtype=torch.float32)
        self.points = torch.stack([torch.sin(t * 0.7), torch.cos(t * 1.3)], dim=1)
        self.labels = [int(p[0] > p[1]) for p in self.points]

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return self.points[idx], self.labels[idx]


data = Blobs(24)
train = Subset(data, list(range(0, 18)))
val = Subset(data, list(range(18, 24)))
train_loader = DataLoader(train, batch_size=5, drop_last=True)
val_loader = DataLoader(val, batch_size=4)
print(len(train_loader), len(val_loader), len(train), len(val))

xb, yb = next(iter(train_loader))
print(type(yb), yb.dtype, yb)

model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 2))
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape) * (-1) ** i)
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)

for epoch in range(5):
    model.train()
    total = 0.0
    for xb, yb in train_loader:
        logits = model(xb)
        loss = F.cross_entropy(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    model.eval()
    correct = 0
    with torch.no_grad():
        for xb, yb in val_loader:
            correct += (model(xb).argmax(dim=1) == yb).sum().item()
    print(epoch, round(total / len(train_loader), 5), f"{correct}/{len(val_loader.dataset)}")

print(model[2].bias)
