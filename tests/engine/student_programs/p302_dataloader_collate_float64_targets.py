import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset, TensorDataset


class Houses(Dataset):
    """Samples as dicts: a numpy feature row, a Python float price, an int id."""

    def __init__(self):
        self.features = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0], [5.0, 5.0]],
                                 dtype=np.float32)
        self.prices = [1.5, 2.0, 3.5, 4.0, 5.5]

    def __len__(self):
        return len(self.prices)

    def __getitem__(self, i):
        return {"x": self.features[i], "price": self.prices[i], "id": i}


loader = DataLoader(Houses(), batch_size=2)
for batch in loader:
    print(batch)

model = nn.Linear(2, 1)
nn.init.constant_(model.weight, 0.2)
nn.init.zeros_(model.bias)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.5)
for epoch in range(4):
    for batch in loader:
        pred = model(torch.as_tensor(batch["x"])).squeeze(1)
        loss = nn.functional.mse_loss(pred, batch["price"])  # float32 vs float64 target
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(epoch, loss.dtype, loss.item())
print(model.weight.dtype, model.weight.data)

pairs = DataLoader([(i, i / 2) for i in range(5)], batch_size=3)
print([b for b in pairs])
print(list(DataLoader(TensorDataset(torch.arange(4)), batch_size=None)))
try:
    TensorDataset(torch.zeros(3, 2), torch.zeros(2))
except AssertionError as e:
    print("AssertionError:", e)
