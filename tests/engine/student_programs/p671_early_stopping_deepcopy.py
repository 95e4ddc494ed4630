# early stopping: keep the best model (deepcopy state_dict), restore it at the end
import copy
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
n = 120
X = torch.rand(n, 2) * 4 - 2
y = ((X[:, 0] ** 2 + X[:, 1] ** 2) < 1.5).long()
perm = torch.randperm(n)
tr, va = perm[:90], perm[90:]
print("class balance:", torch.bincount(y).tolist(), "val:", torch.bincount(y[va]).tolist())

model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
opt = torch.optim.Adam(model.parameters(), lr=0.03)
best_val, best_state, best_epoch = float("inf"), None, -1
patience, bad = 5, 0
history = []
for epoch in range(200):
    model.train()
    opt.zero_grad()
    loss = F.cross_entropy(model(X[tr]), y[tr])
    loss.backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        val_logits = model(X[va])
        val_loss = F.cross_entropy(val_logits, y[va]).item()
        val_acc = (val_logits.argmax(-1) == y[va]).float().mean().item()
    history.append(val_loss)
    if val_loss < best_val - 1e-4:
        best_val, best_epoch, bad = val_loss, epoch, 0
        best_state = copy.deepcopy(model.state_dict())
    else:
        bad += 1
        if bad >= patience:
            print(f"early stop at epoch {epoch}, best epoch {best_epoch}")
            break
    if epoch % 10 == 0:
        print(f"{epoch:3d} train={loss.item():.4f} val={val_loss:.4f} acc={val_acc*100:.1f}%")

model.load_state_dict(best_state)
with torch.no_grad():
    print("restored val loss:", round(F.cross_entropy(model(X[va]), y[va]).item(), 6), round(best_val, 6))
print(len(history), min(history) == best_val)
print(best_state["0.bias"] is model.state_dict()["0.bias"], torch.equal(best_state["0.bias"], model[0].bias))
