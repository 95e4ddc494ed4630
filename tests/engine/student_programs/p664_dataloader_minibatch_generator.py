# mini-batch training with TensorDataset + DataLoader (shuffle with a generator)
import torch
from torch import nn
from torch.utils.data import TensorDataset, DataLoader, random_split

torch.manual_seed(0)
X = torch.randn(100, 4)
true_w = torch.tensor([[1.5], [-2.0], [0.5], [3.0]])
y = X @ true_w + 0.7 + 0.05 * torch.randn(100, 1)
ds = TensorDataset(X, y)
print(len(ds), ds[0])
g = torch.Generator().manual_seed(42)
train_ds, val_ds = random_split(ds, [80, 20], generator=g)
print(len(train_ds), len(val_ds), train_ds.indices[:5])
loader = DataLoader(train_ds, batch_size=16, shuffle=True, generator=torch.Generator().manual_seed(1))
val_loader = DataLoader(val_ds, batch_size=32)
print(len(loader), len(val_loader))
xb, yb = next(iter(loader))
print(xb.shape, yb.shape)

model = nn.Linear(4, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
loss_fn = nn.MSELoss()
for epoch in range(10):
    model.train()
    total = 0.0
    for xb, yb in loader:
        pred = model(xb)
        loss = loss_fn(pred, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * xb.size(0)
    model.eval()
    with torch.no_grad():
        val = sum(loss_fn(model(a), b).item() * len(a) for a, b in val_loader) / len(val_ds)
    if epoch % 2 == 1:
        print(f"epoch {epoch}: train {total / len(train_ds):.5f} val {val:.5f}")
print(model.weight.data, model.bias.data)
print([round(v, 3) for v in model.weight.squeeze().tolist()])
batch_sizes = [len(b[0]) for b in DataLoader(ds, batch_size=30, drop_last=False)]
print(batch_sizes, [len(b[0]) for b in DataLoader(ds, batch_size=30, drop_last=True)])
