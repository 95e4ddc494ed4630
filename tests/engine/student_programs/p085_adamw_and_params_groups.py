import torch
import torch.nn as nn

lin = nn.Linear(2, 1)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.3, -0.2]]))
    lin.bias.fill_(0.1)
opt = torch.optim.Adam([
    {'params': [lin.weight], 'lr': 0.1},
    {'params': [lin.bias], 'lr': 0.01},
])
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
t = torch.tensor([[1.0], [2.0]])
for _ in range(10):
    opt.zero_grad()
    loss = ((lin(x) - t) ** 2).mean()
    loss.backward()
    opt.step()
print(lin.weight, lin.bias)
w = torch.tensor([1.0, -1.0], requires_grad=True)
opt = torch.optim.AdamW([w], lr=0.1, weight_decay=0.01)
for _ in range(5):
    opt.zero_grad()
    (w ** 2).sum().backward()
    opt.step()
print(w)
