import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(2, 3), nn.ReLU())
        self.head = nn.Linear(3, 1)
        self.scale = nn.Parameter(torch.tensor(2.0))

    def forward(self, x):
        return self.head(self.enc(x)) * self.scale

m = M()
sd = m.state_dict()
print(list(sd.keys()))
print(sd['scale'])
print(type(sd).__name__)
for k, v in sd.items():
    print(k, v.shape, v.requires_grad)
m2 = M()
with torch.no_grad():
    m.scale.fill_(5.0)
r = m2.load_state_dict(m.state_dict())
print(r)
print(m2.scale)
