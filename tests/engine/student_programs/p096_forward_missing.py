import torch
import torch.nn as nn

class Bad(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)

class NoInit(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(2, 2)

try:
    Bad()(torch.ones(2))
except NotImplementedError as e:
    print("NotImplementedError:", e)
try:
    NoInit()
except AttributeError as e:
    print("AttributeError:", e)
lin = nn.Linear(3, 2)
try:
    lin(torch.ones(4, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    lin(torch.ones(3, dtype=torch.float64))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    lin(torch.tensor([1, 2, 3]))
except RuntimeError as e:
    print("RuntimeError:", e)
print(lin(torch.ones(3)).shape)
