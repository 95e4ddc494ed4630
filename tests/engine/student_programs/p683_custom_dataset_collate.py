# custom Dataset with __getitem__ returning dicts, default collate, Subset and ConcatDataset
import torch
from torch.utils.data import Dataset, DataLoader, Subset, ConcatDataset

class Squares(Dataset):
    def __init__(self, n, offset=0):
        self.n, self.offset = n, offset

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        x = float(i + self.offset)
        return {"x": torch.tensor([x]), "y": x ** 2, "id": i + self.offset, "name": f"s{i}"}

ds = Squares(10)
print(len(ds), ds[3])
loader = DataLoader(ds, batch_size=4)
for batch in loader:
    print(batch["x"].shape, batch["y"], batch["y"].dtype, batch["id"], batch["name"])
sub = Subset(ds, [0, 2, 4, 6])
print(len(sub), sub[1]["x"])
both = ConcatDataset([Squares(3), Squares(2, offset=100)])
print(len(both), [both[i]["id"] for i in range(len(both))])
torch.manual_seed(0)
for b in DataLoader(both, batch_size=2, shuffle=True):
    print(b["id"].tolist(), b["x"].squeeze(1))

class Pairs(Dataset):
    def __init__(self):
        self.data = [(torch.arange(3) * i, i % 2) for i in range(5)]
    def __len__(self):
        return len(self.data)
    def __getitem__(self, i):
        return self.data[i]

for xb, yb in DataLoader(Pairs(), batch_size=2):
    print(xb, yb)

def pad_collate(batch):
    lengths = torch.tensor([len(s) for s, _ in batch])
    out = torch.zeros(len(batch), int(lengths.max()))
    for i, (s, _) in enumerate(batch):
        out[i, :len(s)] = s
    return out, lengths, torch.tensor([t for _, t in batch])

seqs = [(torch.ones(k) * k, k % 3) for k in range(1, 6)]
for padded, lengths, targets in DataLoader(seqs, batch_size=3, collate_fn=pad_collate):
    print(padded, lengths, targets)
g = torch.Generator()
g.manual_seed(7)
print(list(torch.utils.data.RandomSampler(range(6), generator=g)))
print(list(torch.utils.data.BatchSampler(range(7), batch_size=3, drop_last=False)))
