import torch
import torch.nn as nn

class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)

class Bigger(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.out = nn.Linear(2, 1)

s = Small()
with torch.no_grad():
    s.fc.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    s.fc.bias.fill_(-1.0)
b = Bigger()
res = b.load_state_dict(s.state_dict(), strict=False)
print(res)
print(res.missing_keys)
print(b.fc.weight, b.fc.bias)
try:
    b.load_state_dict(s.state_dict())
except RuntimeError as e:
    print("RuntimeError:", str(e).splitlines()[0])
sd = b.state_dict()
print(list(sd))
res2 = s.load_state_dict(sd, strict=False)
print(res2.unexpected_keys)
sd_bad = {"fc.weight": torch.zeros(3, 2), "fc.bias": torch.zeros(2)}
try:
    s.load_state_dict(sd_bad)
except RuntimeError as e:
    print(str(e).splitlines()[1].strip())
