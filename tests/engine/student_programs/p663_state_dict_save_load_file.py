# save a trained model's state_dict to a file, load it into a fresh model
import os
import tempfile
import torch
import torch.nn as nn

torch.manual_seed(0)

def make_model():
    return nn.Sequential(nn.Linear(3, 5), nn.BatchNorm1d(5), nn.ReLU(), nn.Dropout(0.2), nn.Linear(5, 2))

model = make_model()
X = torch.randn(20, 3)
y = (X.sum(1) > 0).long()
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for ep in range(30):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
print("trained loss", round(loss.item(), 4))

sd = model.state_dict()
print(type(sd).__name__)
for k, v in sd.items():
    print(f"{k:25s} {str(tuple(v.shape)):10s} {v.dtype}")
print(sd["1.num_batches_tracked"])
print(sd["1.running_mean"])

path = os.path.join(tempfile.mkdtemp(), "model.pt")
torch.save(sd, path)
fresh = make_model()
print("before load equal:", torch.equal(fresh[0].weight, model[0].weight))
res = fresh.load_state_dict(torch.load(path))
print(res)
print("after load equal:", all(torch.equal(a, b) for a, b in zip(fresh.state_dict().values(), model.state_dict().values())))
model.eval(); fresh.eval()
with torch.no_grad():
    print(torch.allclose(model(X), fresh(X)))
    print(fresh(X[:4]))

bad = nn.Sequential(nn.Linear(3, 6), nn.ReLU(), nn.Linear(6, 2))
try:
    bad.load_state_dict(sd)
except RuntimeError as e:
    print(type(e).__name__, e)
opt_sd = opt.state_dict()
print(opt_sd["param_groups"])
print(sorted(opt_sd["state"].keys()), list(opt_sd["state"][0].keys()))
print(opt_sd["state"][0]["step"])
