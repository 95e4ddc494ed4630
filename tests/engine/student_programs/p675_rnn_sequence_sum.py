# RNN learns to output the running sum of a sequence; print shapes, hidden state, losses
import torch
import torch.nn as nn

torch.manual_seed(0)
seq_len, batch, feat = 6, 8, 1
X = torch.rand(batch, seq_len, feat)
Y = X.cumsum(dim=1)

class SumRNN(nn.Module):
    def __init__(self, hidden=12):
        super().__init__()
        self.rnn = nn.RNN(feat, hidden, batch_first=True, nonlinearity="tanh")
        self.fc = nn.Linear(hidden, 1)

    def forward(self, x, h0=None):
        out, h = self.rnn(x, h0)
        return self.fc(out), h

model = SumRNN()
print(model)
for n, p in model.rnn.named_parameters():
    print(n, list(p.shape))
out, h = model(X)
print(out.shape, h.shape)
opt = torch.optim.Adam(model.parameters(), lr=0.02)
for step in range(150):
    opt.zero_grad()
    pred, _ = model(X)
    loss = nn.functional.mse_loss(pred, Y)
    loss.backward()
    opt.step()
    if step % 30 == 0 or step == 149:
        print(f"step {step:3d} mse {loss.item():.6f}")
test = torch.tensor([[[0.1], [0.2], [0.3], [0.4]]])
with torch.no_grad():
    p, h = model(test)
print(p.squeeze().round(decimals=2), test.cumsum(1).squeeze())
cell = nn.RNNCell(1, 3)
hx = torch.zeros(2, 3)
for t in range(3):
    hx = cell(torch.ones(2, 1) * t, hx)
print(hx.shape, hx.grad_fn.name())
print(cell)
