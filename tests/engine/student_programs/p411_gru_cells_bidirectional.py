# Recurrent cells stepped by hand, a bidirectional GRU, and the shape errors students hit.
import torch
import torch.nn as nn

def ramp(p, k):
    with torch.no_grad():
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape) * (0.5 + 0.25 * k))

seq = torch.sin(torch.linspace(0, 3, 12)).reshape(4, 3)    # 4 steps, 3 features

cell = nn.GRUCell(3, 5)
print(cell)
for k, p in enumerate(cell.parameters()):
    ramp(p, k)
h = torch.zeros(1, 5)
for step in range(4):
    h = cell(seq[step:step + 1], h)
    print(f"step {step}: h.sum()={h.sum().item():.4f}", type(h.grad_fn).__name__)
h.sum().backward()
print("GRUCell weight_hh grad:", f"{cell.weight_hh.grad.sum().item():.4f}")

rcell = nn.RNNCell(3, 4, nonlinearity="relu")
print(rcell)
for k, p in enumerate(rcell.parameters()):
    ramp(p, k)
out = rcell(seq[0])
print("unbatched RNNCell:", out.shape, type(out.grad_fn).__name__, [f"{v:.4f}" for v in out.tolist()])

lcell = nn.LSTMCell(3, 2)
for k, p in enumerate(lcell.parameters()):
    ramp(p, k)
hx, cx = lcell(seq[:2])
print("LSTMCell:", hx.shape, type(hx.grad_fn).__name__, type(cx.grad_fn).__name__)
print("hx:", [[f"{v:.4f}" for v in row] for row in hx.tolist()])

gru = nn.GRU(3, 4, num_layers=2, bidirectional=True)
print(gru)
print([name for name, _ in gru.named_parameters()])
for k, p in enumerate(gru.parameters()):
    ramp(p, k % 5)
batch = torch.stack([seq, seq * 0.5], dim=1)              # (seq_len=4, batch=2, 3)
h0 = torch.full((4, 2, 4), 0.1, requires_grad=True)
out, hn = gru(batch, h0)
print("out:", out.shape, type(out.grad_fn).__name__, "hn:", hn.shape, type(hn.grad_fn).__name__)
loss = out.pow(2).mean() + hn.sum()
print(f"loss {loss.item():.4f}")
loss.backward()
print("h0 grad:", f"{h0.grad.abs().sum().item():.4f}")
print("weight_ih_l1_reverse grad:", f"{gru.weight_ih_l1_reverse.grad.sum().item():.4f}")

out1, hn1 = gru(seq)                                        # unbatched (L, H_in)
print("unbatched:", out1.shape, type(out1.grad_fn).__name__, hn1.shape)

rnn = nn.RNN(3, 6, batch_first=True)
print(rnn, type(rnn))
o, hn = rnn(batch.transpose(0, 1))
print("batch_first RNN:", o.shape, type(o.grad_fn).__name__, hn.shape)

try:
    gru(torch.zeros(4, 2, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    gru(batch, torch.zeros(4, 3, 4))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    cell(torch.zeros(2, 3), torch.zeros(3, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
lstm = nn.LSTM(10, 20)
lstm(torch.zeros(5, 3, 10), (torch.zeros(1, 2, 20), torch.zeros(1, 3, 20)))
