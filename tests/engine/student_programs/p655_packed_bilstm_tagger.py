# sequence tagging with a bidirectional LSTM over packed batches: pad the outputs back, mask
# the padding out of the loss, train a few SGD steps
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

torch.manual_seed(0)
TAGS = 3
# tag of a step: sign pattern of the input's first feature (-, ~0, +)
seqs = [torch.randn(n, 2) for n in (5, 3, 4, 2)]
tags = [torch.bucketize(s[:, 0], torch.tensor([-0.5, 0.5])) for s in seqs]
lengths = torch.tensor([len(s) for s in seqs])
x = pad_sequence(seqs, batch_first=True)
y = pad_sequence(tags, batch_first=True, padding_value=-100)
print(y)


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(2, 5, batch_first=True, bidirectional=True)
        self.out = nn.Linear(10, TAGS)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.rnn(packed)
        h, _ = pad_packed_sequence(h, batch_first=True)
        return self.out(h)


model = Tagger()
opt = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
for epoch in range(10):
    opt.zero_grad()
    logits = model(x, lengths)
    loss = F.cross_entropy(logits.reshape(-1, TAGS), y.reshape(-1), ignore_index=-100)
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    print(f"epoch {epoch} loss {loss.item():.4f}")
with torch.no_grad():
    pred = model(x, lengths).argmax(-1)
mask = y != -100
print(pred.masked_fill(~mask, -1))
print("token accuracy:", ((pred == y) & mask).sum().item(), "/", mask.sum().item())
