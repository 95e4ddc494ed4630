# frozen pretrained word vectors, fine-tuning them, and sub-pixel upsampling with PixelShuffle
import torch
import torch.nn as nn
import torch.nn.functional as F

vectors = torch.tensor([[0.0, 0.0, 0.0], [1.0, 0.5, -1.0], [2.0, -0.5, 0.25], [0.5, 0.5, 0.5]])
emb = nn.Embedding.from_pretrained(vectors)
print(emb, emb.weight.requires_grad)
sentence = torch.tensor([[1, 2, 3], [3, 0, 1]])
print(emb(sentence).mean(1))
tuned = nn.Embedding.from_pretrained(vectors.clone(), freeze=False, padding_idx=0)
print(tuned, tuned.weight.requires_grad)
opt = torch.optim.SGD(tuned.parameters(), lr=0.5)
out = tuned(sentence).sum(1)
loss = (out ** 2).mean()
loss.backward()
print(loss, tuned.weight.grad)
opt.step()
print(tuned.weight)
try:
    nn.Embedding.from_pretrained(torch.ones(4))
except AssertionError as e:
    print("AssertionError:", e)
ps = nn.PixelShuffle(2)
print(ps, nn.PixelUnshuffle(2))
feat = torch.arange(32.0).reshape(1, 8, 2, 2).requires_grad_()
up = ps(feat)
print(up.shape, up.grad_fn.name())
print(up[0, 0])
print(torch.equal(F.pixel_unshuffle(up, 2), feat))
(up * torch.arange(32.0).reshape(1, 2, 4, 4)).sum().backward()
print(feat.grad[0, :4])
try:
    F.pixel_shuffle(torch.ones(1, 6, 2, 2), 2)
except RuntimeError as e:
    print("RuntimeError:", e)
