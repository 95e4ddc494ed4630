# custom weight initialisation with model.apply and nn.init, print statistics
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(10, 32), nn.ReLU(),
    nn.Linear(32, 32), nn.Tanh(),
    nn.Linear(32, 3),
)

def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_uniform_(m.weight)
        nn.init.zeros_(m.bias)
        print("init", m)

model.apply(init_weights)
for name, p in model.named_parameters():
    print(f"{name}: mean={p.mean().item():+.4f} std={p.std().item():.4f} min={p.min().item():.4f} max={p.max().item():.4f}")

w = torch.empty(4, 6)
nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
print(w)
nn.init.kaiming_uniform_(w, a=0.1)
print(w)
nn.init.xavier_normal_(w, gain=nn.init.calculate_gain("tanh"))
print(w)
print(nn.init.calculate_gain("leaky_relu", 0.2), nn.init.calculate_gain("sigmoid"), nn.init.calculate_gain("relu"))
nn.init.uniform_(w, -0.1, 0.1); print(w[0])
nn.init.normal_(w, mean=1.0, std=0.01); print(w[0])
nn.init.constant_(w, 0.3); print(w.sum())
nn.init.eye_(w); print(w)
q = torch.empty(3, 5)
nn.init.orthogonal_(q)
print(torch.allclose(q @ q.T, torch.eye(3), atol=1e-6), q.shape)
t = torch.empty(1000)
nn.init.trunc_normal_(t, std=0.02, a=-0.04, b=0.04)
print(t.min().item() >= -0.04, t.max().item() <= 0.04, round(t.std().item(), 3))
with torch.no_grad():
    model[0].weight.fill_(0.01)
    model[0].bias.copy_(torch.arange(32) * 0.1)
print(model[0].bias[:5], model[0].weight.requires_grad)
x = torch.randn(4, 10)
print(model(x))
