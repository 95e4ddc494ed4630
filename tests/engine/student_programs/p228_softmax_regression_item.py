import torch
import torch.nn.functional as F

X = torch.tensor([[0.5, 1.0], [1.5, -0.5], [-1.0, 2.0], [2.0, 1.0], [-0.5, -1.5], [0.3, 0.3]])
y = torch.tensor([0, 1, 2, 1, 0, 2])
W = torch.zeros(2, 3, requires_grad=True)
b = torch.zeros(3, requires_grad=True)
opt = torch.optim.SGD([W, b], lr=0.5, momentum=0.5)
for epoch in range(8):
    logits = (X[:, :, None] * W).sum(dim=1) + b
    loss = F.cross_entropy(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(epoch, loss.item())
probs = torch.softmax(logits, dim=1)
print(probs.tolist()[0])
print(F.log_softmax(logits, 1)[2].tolist())
print(F.nll_loss(F.log_softmax(logits, 1), y, reduction="sum").item())
print(F.cross_entropy(logits, y, reduction="none").tolist())
print(W.grad.tolist(), b.grad.tolist())
print((probs.argmax(1) == y).float().mean().item())
