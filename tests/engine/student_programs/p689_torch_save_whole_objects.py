# save a checkpoint dict (epoch, model, optimizer, loss) and resume training from it
import io
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(40, 3)
Y = torch.stack([X[:, 0] * 2, X[:, 1] - X[:, 2]], 1)

def build():
    model = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 2))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    return model, opt

model, opt = build()
for epoch in range(10):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), Y)
    loss.backward()
    opt.step()
buf = io.BytesIO()
torch.save({"epoch": epoch, "model_state": model.state_dict(), "opt_state": opt.state_dict(), "loss": loss.item(),
            "note": "run1", "history": [1.0, 0.5]}, buf)
print("saved at epoch", epoch, "loss", round(loss.item(), 5))
buf.seek(0)
ckpt = torch.load(buf)
print(sorted(ckpt.keys()), ckpt["epoch"], ckpt["note"], ckpt["history"])
model2, opt2 = build()
model2.load_state_dict(ckpt["model_state"])
opt2.load_state_dict(ckpt["opt_state"])
print(opt2.state_dict()["state"][0]["step"], opt2.param_groups[0]["lr"])
for epoch in range(ckpt["epoch"] + 1, 15):
    for m, o in ((model, opt), (model2, opt2)):
        o.zero_grad()
        l = nn.functional.mse_loss(m(X), Y)
        l.backward()
        o.step()
    print(epoch, f"{l.item():.6f}")
print(all(torch.equal(a, b) for a, b in zip(model.parameters(), model2.parameters())))
buf2 = io.BytesIO()
torch.save(torch.arange(6).reshape(2, 3), buf2)
buf2.seek(0)
t = torch.load(buf2)
print(t, t.dtype)
buf3 = io.BytesIO()
torch.save([torch.ones(2), {"a": torch.zeros(1, dtype=torch.int32)}], buf3)
buf3.seek(0)
print(torch.load(buf3))
buf4 = io.BytesIO()
torch.save(model, buf4)
buf4.seek(0)
whole = torch.load(buf4, weights_only=False)
print(whole)
print(torch.equal(whole[0].weight, model[0].weight))
