# AdamW with "no weight decay on biases and norms" parameter groups, as in transformer recipes
import torch
import torch.nn as nn

torch.manual_seed(0)

class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.norm = nn.LayerNorm(16)
        self.fc2 = nn.Linear(16, 4)

    def forward(self, x):
        return self.fc2(torch.relu(self.norm(self.fc1(x))))

model = MLP()
decay, no_decay = [], []
for name, p in model.named_parameters():
    (no_decay if name.endswith("bias") or "norm" in name else decay).append(name)
print("decay:", decay)
print("no_decay:", no_decay)
params = dict(model.named_parameters())
opt = torch.optim.AdamW([
    {"params": [params[n] for n in decay], "weight_decay": 0.05},
    {"params": [params[n] for n in no_decay], "weight_decay": 0.0},
], lr=3e-3, betas=(0.9, 0.95), eps=1e-8)
print(opt)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=30)
X = torch.randn(64, 8)
y = torch.randint(0, 4, (64,))
for step in range(30):
    opt.zero_grad(set_to_none=True)
    loss = nn.functional.cross_entropy(model(X), y, label_smoothing=0.05)
    loss.backward()
    opt.step()
    sched.step()
    if step % 6 == 0:
        print(f"step {step:02d} loss {loss.item():.5f} lr {sched.get_last_lr()[0]:.6f} lr1 {opt.param_groups[1]['lr']:.6f}")
print(model.norm.weight[:4], model.norm.bias[:4])
print([round(g["lr"], 8) for g in opt.param_groups])
wn = sum(p.pow(2).sum() for n, p in model.named_parameters() if n in decay).sqrt()
print(f"weight norm {wn.item():.4f}")
sgd = torch.optim.SGD(model.parameters(), lr=0.1, weight_decay=1e-2)
before = model.fc1.weight.detach().clone()
model.zero_grad()
for p in model.parameters():
    p.grad = torch.zeros_like(p)
sgd.step()
print(torch.allclose(model.fc1.weight, before * (1 - 0.1 * 1e-2)))
