import torch
import torch.nn as nn
torch.manual_seed(99)
class Tagger(nn.Module):
    def __init__(self, vocab=10, emb=4, hid=3, tags=2):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.rnn = nn.LSTM(emb, hid, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hid, tags)
    def forward(self, tok):
        e = self.emb(tok)
        h, _ = self.rnn(e)
        return self.out(h)
tok = torch.randint(0, 10, (3, 5))
tags = (tok > 4).long()
print(tok); print(tags)
m = Tagger()
print(m)
print(sum(p.numel() for p in m.parameters()))
opt = torch.optim.RMSprop(m.parameters(), lr=0.02)
for ep in range(10):
    opt.zero_grad()
    logits = m(tok)
    loss = nn.functional.cross_entropy(logits.reshape(-1, 2), tags.reshape(-1))
    loss.backward()
    nn.utils.clip_grad_norm_(m.parameters(), 1.0)
    opt.step()
    print(f"{ep}: {loss.item():.4f}")
print(logits.argmax(-1))
print(m.emb.weight.grad[:3])
