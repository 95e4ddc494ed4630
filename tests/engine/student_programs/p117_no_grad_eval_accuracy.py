import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(2, 3))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]))
    model[0].bias.zero_()
X = torch.tensor([[2.0, 0.0], [0.0, 2.0], [-1.0, -1.0], [1.0, 1.5]])
y = torch.tensor([0, 1, 2, 0])
model.eval()
with torch.no_grad():
    logits = model(X)
    preds = logits.argmax(dim=1)
    correct = (preds == y).sum().item()
    acc = correct / len(y)
print(logits)
print(preds, correct, acc)
print(f"Accuracy: {100 * acc:.1f}%")
print(torch.max(logits, 1))
_, predicted = torch.max(logits.data, 1)
print(predicted)
print((predicted == y).float().mean())
