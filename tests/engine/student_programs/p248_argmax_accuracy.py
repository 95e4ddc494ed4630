import torch

logits = torch.tensor([[2.0, 0.5, -1.0],
                       [0.1, 0.2, 3.0],
                       [1.0, 1.5, 0.2],
                       [0.0, -0.5, -0.2],
                       [0.3, 2.2, 2.1],
                       [-1.0, -2.0, 0.5],
                       [1.1, 1.0, 0.9],
                       [0.2, 0.1, 0.0]])
labels = torch.tensor([0, 2, 1, 1, 2, 2, 0, 1])

pred = logits.argmax(dim=1)
print(pred)
correct = (pred == labels)
print(correct)
print(correct.sum(), correct.sum().item())
acc = correct.float().mean()
print(acc, acc.item())
print(f"accuracy: {100 * correct.sum().item() / len(labels):.1f}%")
print("accuracy:", (pred == labels).sum().item() / labels.size(0))
_, pred2 = torch.max(logits, 1)
print(torch.equal(pred, pred2))
for c in range(3):
    mask = labels == c
    print(c, mask.sum().item(), (pred[mask] == c).float().mean().item())
probs = torch.softmax(logits, dim=1)
print(probs.max(dim=1).values)
top2 = logits.topk(2, dim=1).indices
print(top2)
print((top2 == labels.unsqueeze(1)).any(dim=1).float().mean().item())
