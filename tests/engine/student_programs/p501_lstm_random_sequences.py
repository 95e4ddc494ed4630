import torch
import torch.nn as nn

torch.manual_seed(1)
seq = torch.randn(4, 6, 3)  # batch, time, feat
target = seq.sum(dim=(1, 2)).unsqueeze(1)

class Reg(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=3, hidden_size=5, batch_first=True)
        self.head = nn.Linear(5, 1)
    def forward(self, x):
        out, (h, c) = self.lstm(x)
        return self.head(out[:, -1, :]), h, c

m = Reg()
for name, p in m.named_parameters():
    print(name, tuple(p.shape), f"{p.sum().item():.4f}")
pred, h, c = m(seq)
print("pred", pred)
print("h shape", h.shape, "c shape", c.shape)
print(h)
opt = torch.optim.SGD(m.parameters(), lr=0.01)
for step in range(20):
    opt.zero_grad()
    pred, _, _ = m(seq)
    loss = ((pred - target) ** 2).mean()
    loss.backward()
    opt.step()
    if step % 4 == 0:
        print(step, round(loss.item(), 4))
print(m.lstm.weight_hh_l0.grad[:2])
