# tiny "MNIST" with random 1x12x12 images, a CNN with AdaptiveAvgPool, batches from DataLoader
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
images = torch.rand(48, 1, 12, 12)
labels = torch.randint(0, 4, (48,))
for c in range(4):
    images[labels == c, :, c * 3:(c + 1) * 3, :] += 1.0

class ConvNet(nn.Module):
    def __init__(self, n_classes=4):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(6),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(6, 8, kernel_size=3),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d((2, 2)),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Dropout(0.3), nn.Linear(32, n_classes))

    def forward(self, x):
        return self.classifier(self.features(x))

model = ConvNet()
print(model)
print(sum(p.numel() for p in model.parameters()), "parameters")
x = images[:2]
for layer in model.features:
    x = layer(x)
    print(f"{layer.__class__.__name__:18s} -> {tuple(x.shape)}")
loader = DataLoader(TensorDataset(images, labels), batch_size=12, shuffle=True, generator=torch.Generator().manual_seed(3))
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True)
for epoch in range(4):
    model.train()
    running, correct = 0.0, 0
    for xb, yb in loader:
        out = model(xb)
        loss = F.cross_entropy(out, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        running += loss.item()
        correct += (out.argmax(1) == yb).sum().item()
    print(f"epoch {epoch+1}: loss {running / len(loader):.4f} train acc {correct / len(images):.3f}")
model.eval()
with torch.no_grad():
    preds = model(images).argmax(dim=1)
print("eval acc:", (preds == labels).float().mean().item())
print(torch.bincount(preds, minlength=4), torch.bincount(labels, minlength=4))
cm = torch.zeros(4, 4, dtype=torch.long)
for t, p in zip(labels, preds):
    cm[t, p] += 1
print(cm)
