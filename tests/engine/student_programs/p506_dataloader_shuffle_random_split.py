import torch
from torch.utils.data import TensorDataset, DataLoader, random_split

torch.manual_seed(0)
X = torch.arange(20, dtype=torch.float32).reshape(10, 2)
y = torch.arange(10)
ds = TensorDataset(X, y)
train, val = random_split(ds, [7, 3])
print("train idx", list(train.indices))
print("val idx", val.indices)
loader = DataLoader(train, batch_size=3, shuffle=True)
for epoch in range(2):
    for i, (xb, yb) in enumerate(loader):
        print(epoch, i, yb, xb.shape)
g = torch.Generator().manual_seed(5)
a, b = random_split(range(10), [0.6, 0.4], generator=g)
print(len(a), len(b), list(a), list(b))
dl2 = DataLoader(ds, batch_size=4, shuffle=True, drop_last=True)
print("batches:", len(dl2))
for xb, yb in dl2:
    print(yb.tolist())
print(torch.randperm(10))
