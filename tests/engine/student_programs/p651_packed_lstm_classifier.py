# a packed-LSTM sequence classifier on toy token data, trained a few steps with Adam
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

torch.manual_seed(0)
VOCAB, EMB, HIDDEN, CLASSES = 10, 6, 8, 2


def make_batch(n):
    seqs, labels = [], []
    for _ in range(n):
        length = int(torch.randint(2, 7, (1,)))
        seq = torch.randint(1, VOCAB, (length,))
        seqs.append(seq)
        labels.append(int((seq > 5).sum() > length // 2))  # mostly large tokens -> class 1
    return seqs, torch.tensor(labels)


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(VOCAB, EMB, padding_idx=0)
        self.lstm = nn.LSTM(EMB, HIDDEN, batch_first=True)
        self.fc = nn.Linear(HIDDEN, CLASSES)

    def forward(self, tokens, lengths):
        x = self.emb(tokens)
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.lstm(packed)
        return self.fc(h_n[-1])


seqs, labels = make_batch(16)
lengths = torch.tensor([len(s) for s in seqs])
tokens = pad_sequence(seqs, batch_first=True)
print(tokens.shape, lengths.tolist())
print(labels)

model = Classifier()
print(model)
opt = torch.optim.Adam(model.parameters(), lr=0.05)
loss_fn = nn.CrossEntropyLoss()
for step in range(15):
    opt.zero_grad()
    logits = model(tokens, lengths)
    loss = loss_fn(logits, labels)
    loss.backward()
    opt.step()
    if step % 3 == 0:
        acc = (logits.argmax(1) == labels).float().mean()
        print(f"step {step:2d} loss {loss.item():.4f} acc {acc.item():.3f}")
with torch.no_grad():
    logits = model(tokens, lengths)
print(logits[:4])
print((logits.argmax(1) == labels).sum().item(), "/", len(labels))
print(model.lstm.weight_hh_l0.grad.norm().round(decimals=3))
