# bag-of-words text classifier with nn.Embedding and mean pooling, padding_idx
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
vocab = ["<pad>", "good", "great", "bad", "awful", "movie", "plot", "fun", "boring", "the"]
stoi = {w: i for i, w in enumerate(vocab)}
sentences = [("good movie", 1), ("great fun", 1), ("bad plot", 0), ("awful boring movie", 0),
             ("the plot good", 1), ("the movie boring", 0), ("great great movie", 1), ("bad", 0)]

def encode(s, max_len=3):
    ids = [stoi[w] for w in s.split()]
    return ids + [0] * (max_len - len(ids))

X = torch.tensor([encode(s) for s, _ in sentences])
y = torch.tensor([l for _, l in sentences])
print(X)

class BoW(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.out = nn.Linear(dim, 2)

    def forward(self, ids):
        mask = (ids != 0).float().unsqueeze(-1)
        e = self.emb(ids) * mask
        return self.out(e.sum(1) / mask.sum(1))

model = BoW(len(vocab), 4)
print(model)
print(model.emb.weight[0], model.emb.weight.shape)
opt = torch.optim.Adagrad(model.parameters(), lr=0.3)
print(opt)
for ep in range(40):
    opt.zero_grad()
    loss = F.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
    if ep % 10 == 0:
        print(ep, round(loss.item(), 4))
print("pad row grad:", model.emb.weight.grad[0])
print("pad row still zero:", model.emb.weight[0])
with torch.no_grad():
    probs = F.softmax(model(torch.tensor([encode("good plot"), encode("boring"), encode("the awful")])), dim=1)
print(probs)
print(probs.argmax(1))
try:
    model(torch.tensor([[1, 2, 10]]))
except IndexError as e:
    print(type(e).__name__, e)
try:
    model.emb(torch.tensor([1.0, 2.0]))
except RuntimeError as e:
    print(type(e).__name__, e)
