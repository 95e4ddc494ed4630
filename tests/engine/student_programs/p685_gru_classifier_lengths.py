# GRU sequence classifier: is the sum of a random sequence positive? last hidden state -> Linear
import torch
import torch.nn as nn

torch.manual_seed(0)
B, T = 32, 7
X = torch.randn(B, T, 2)
y = (X[:, :, 0].sum(1) > 0).long()
print(torch.bincount(y))

class GRUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(input_size=2, hidden_size=8, num_layers=2, batch_first=True, dropout=0.1)
        self.head = nn.Linear(8, 2)

    def forward(self, x):
        out, h_n = self.gru(x)
        return self.head(h_n[-1])

net = GRUNet()
print(net)
print([(n, tuple(p.shape)) for n, p in net.gru.named_parameters()][:4])
print(sum(p.numel() for p in net.parameters()))
opt = torch.optim.RMSprop(net.parameters(), lr=0.01)
for epoch in range(40):
    net.train()
    opt.zero_grad()
    logits = net(X)
    loss = nn.CrossEntropyLoss()(logits, y)
    loss.backward()
    opt.step()
    if epoch % 10 == 9:
        net.eval()
        with torch.no_grad():
            acc = (net(X).argmax(1) == y).float().mean().item()
        print(f"epoch {epoch+1} loss {loss.item():.3f} acc {acc:.2f}")
out, h = net.gru(X[:3])
print(out.shape, h.shape, torch.allclose(out[:, -1], h[-1]))
lstm = nn.LSTM(2, 4, batch_first=True, bidirectional=True)
o, (hn, cn) = lstm(X[:3])
print(lstm, o.shape, hn.shape, cn.shape)
try:
    net.gru(X[0])
    print("unbatched ok", net.gru(X[0])[0].shape)
    net.gru(torch.randn(3, 7, 5))
except RuntimeError as e:
    print(type(e).__name__, e)
