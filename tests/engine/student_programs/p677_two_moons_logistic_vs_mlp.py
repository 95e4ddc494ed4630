# two moons made with torch ops: logistic regression vs a small MLP, BCEWithLogitsLoss
import math
import torch
import torch.nn as nn

torch.manual_seed(0)
n = 100
t = torch.rand(n) * math.pi
outer = torch.stack([torch.cos(t), torch.sin(t)], 1)
inner = torch.stack([1 - torch.cos(t), 1 - torch.sin(t) - 0.5], 1)
X = torch.cat([outer, inner]) + 0.1 * torch.randn(2 * n, 2)
y = torch.cat([torch.zeros(n), torch.ones(n)]).unsqueeze(1)
X = (X - X.mean(0)) / X.std(0)
print(X.mean(0), X.std(0))

def fit(model, epochs=300, lr=0.1):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    crit = nn.BCEWithLogitsLoss()
    for ep in range(epochs):
        opt.zero_grad()
        logits = model(X)
        loss = crit(logits, y)
        loss.backward()
        opt.step()
    with torch.no_grad():
        acc = ((model(X) > 0).float() == y).float().mean()
    return loss.item(), acc.item()

logreg = nn.Linear(2, 1)
print("logreg: loss %.4f acc %.3f" % fit(logreg))
print(logreg.weight, logreg.bias)
mlp = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1))
print("mlp: loss %.4f acc %.3f" % fit(mlp))
with torch.no_grad():
    grid = torch.stack(torch.meshgrid(torch.linspace(-2, 2, 4), torch.linspace(-2, 2, 4), indexing="ij"), -1).reshape(-1, 2)
    print(torch.sigmoid(mlp(grid)).reshape(4, 4))
pos_weight = torch.tensor([2.0])
print(nn.BCEWithLogitsLoss(pos_weight=pos_weight)(mlp(X), y))
print(nn.BCEWithLogitsLoss(pos_weight=pos_weight))
