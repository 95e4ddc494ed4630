import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

# y = 3x1 - 2x2 + 0.5 on a fixed grid, mini-batch SGD in index order
x1 = torch.linspace(-1.0, 1.0, 10)
x2 = torch.cos(torch.arange(10.0))
X = torch.stack([x1, x2], dim=1)
y = (3 * x1 - 2 * x2 + 0.5).unsqueeze(1)

dataset = TensorDataset(X, y)
loader = DataLoader(dataset, batch_size=4, shuffle=False)
print("samples:", len(dataset), "batches:", len(loader))
xb0, yb0 = next(iter(loader))
print(xb0.shape, yb0.shape, xb0.dtype)

model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.1, -0.1]]))
    model.bias.fill_(0.0)
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

for epoch in range(6):
    running = 0.0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
        running += loss.item() * xb.size(0)
    print(f"epoch {epoch}: loss {running / len(loader.dataset):.6f}")

print(model.weight.data, model.bias.data)
for i, (xb, yb) in enumerate(DataLoader(dataset, batch_size=3, drop_last=True)):
    print(i, xb.shape[0], yb.squeeze(1))
