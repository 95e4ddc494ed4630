# Predict the next value of a sine wave from a window of 6 past values with an LSTM.
import torch
import torch.nn as nn

t = torch.linspace(0, 6.0, 40)
wave = torch.sin(t)
windows = torch.stack([wave[i:i + 6] for i in range(30)])  # (30, 6)
x = windows.unsqueeze(-1)                                   # (batch, seq, feature)
y = wave[6:36].unsqueeze(-1)                                # next value after each window
print("x:", x.shape, "y:", y.shape)


class SineLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=8, num_layers=2, batch_first=True)
        self.head = nn.Linear(8, 1)

    def forward(self, seq):
        out, (h, c) = self.lstm(seq)
        return self.head(out[:, -1, :]), out, h, c


model = SineLSTM()
print(model)
# deterministic weights: each parameter gets a small ramp of values
with torch.no_grad():
    for k, (name, p) in enumerate(model.named_parameters()):
        n = p.numel()
        p.copy_(torch.linspace(-0.3, 0.3, n).reshape(p.shape) * (1 + 0.1 * k))
nn.init.constant_(model.head.bias, 0.05)
for name, p in model.lstm.named_parameters():
    print(name, tuple(p.shape))

pred, out, h, c = model(x)
print("out:", out.shape, type(out.grad_fn).__name__, "contiguous:", out.is_contiguous())
print("h_n:", h.shape, type(h.grad_fn).__name__, "c_n:", c.shape, type(c.grad_fn).__name__)
print("pred:", pred.shape, type(pred.grad_fn).__name__)

opt = torch.optim.Adam(model.parameters(), lr=0.02)
loss_fn = nn.MSELoss()
for epoch in range(12):
    opt.zero_grad()
    pred = model(x)[0]
    loss = loss_fn(pred, y)
    loss.backward()
    if epoch == 0:
        g = model.lstm.weight_ih_l0.grad
        print("grad weight_ih_l0:", g.shape, f"{g.abs().sum().item():.4f}")
        print("grad bias_hh_l1[:4]:", [f"{v:.4f}" for v in model.lstm.bias_hh_l1.grad[:4].tolist()])
    opt.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")

with torch.no_grad():
    final = model(x)[0]
print("no_grad output requires_grad:", final.requires_grad)
print("first predictions:", [f"{v:.4f}" for v in final[:3, 0].tolist()])
