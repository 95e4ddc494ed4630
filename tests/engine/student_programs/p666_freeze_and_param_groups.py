# fine-tuning: freeze the feature extractor, train the head, then unfreeze with a smaller lr group
import torch
import torch.nn as nn

torch.manual_seed(0)
features = nn.Sequential(nn.Linear(6, 12), nn.ReLU(), nn.Linear(12, 8), nn.ReLU())
head = nn.Linear(8, 2)
model = nn.Sequential(features, head)
X = torch.randn(32, 6)
y = (X[:, 0] * X[:, 1] > 0).long()

for p in features.parameters():
    p.requires_grad_(False)
n_train = sum(p.numel() for p in model.parameters() if p.requires_grad)
n_all = sum(p.numel() for p in model.parameters())
print(f"trainable {n_train} / {n_all}")
opt = torch.optim.SGD(filter(lambda p: p.requires_grad, model.parameters()), lr=0.1)
w0 = features[0].weight.clone()
for ep in range(20):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
print("stage1 loss", f"{loss.item():.4f}")
print("features changed?", not torch.equal(w0, features[0].weight))
print("feature grad:", features[0].weight.grad)

for p in features.parameters():
    p.requires_grad_(True)
opt = torch.optim.SGD([
    {"params": features.parameters(), "lr": 0.01},
    {"params": head.parameters()},
], lr=0.1, momentum=0.9)
print([g["lr"] for g in opt.param_groups], [len(g["params"]) for g in opt.param_groups])
print(opt.param_groups[1]["momentum"], opt.param_groups[0]["weight_decay"])
for ep in range(20):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
    if ep % 5 == 4:
        print(f"stage2 ep {ep}: {loss.item():.4f}")
print("features changed?", not torch.equal(w0, features[0].weight))
print((features[0].weight - w0).abs().max())
print(opt)
