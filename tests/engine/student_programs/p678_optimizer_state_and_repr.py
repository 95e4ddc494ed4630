# printing optimizers and their state; comparing SGD/Adam/AdamW/RMSprop on the same problem
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(32, 3)
Y = torch.stack([X[:, 0] - 2 * X[:, 1], X[:, 2] * 0.5], 1)

def run(opt_cls, **kw):
    torch.manual_seed(0)
    model = nn.Linear(3, 2)
    opt = opt_cls(model.parameters(), **kw)
    for _ in range(50):
        opt.zero_grad()
        loss = ((model(X) - Y) ** 2).mean()
        loss.backward()
        opt.step()
    return opt, loss.item()

for cls, kw in [(torch.optim.SGD, dict(lr=0.1)), (torch.optim.SGD, dict(lr=0.05, momentum=0.9, dampening=0.1)),
                (torch.optim.Adam, dict(lr=0.05, betas=(0.8, 0.99))), (torch.optim.AdamW, dict(lr=0.05, weight_decay=0.1)),
                (torch.optim.RMSprop, dict(lr=0.01, alpha=0.9)), (torch.optim.Adagrad, dict(lr=0.5))]:
    opt, l = run(cls, **kw)
    print(f"{cls.__name__:8s} {kw} -> {l:.6f}")
opt, _ = run(torch.optim.Adam, lr=0.01)
print(opt)
st = opt.state_dict()
print(st["param_groups"])
s0 = st["state"][0]
print(s0["step"], s0["exp_avg"].shape, s0["exp_avg_sq"].dtype)
print(s0["exp_avg"])
opt2, _ = run(torch.optim.SGD, lr=0.1, momentum=0.9)
print(opt2)
print(opt2.state_dict()["state"][1])
opt2.zero_grad(set_to_none=False)
print([p.grad for p in opt2.param_groups[0]["params"]])
opt2.zero_grad()
print([p.grad for p in opt2.param_groups[0]["params"]])
print(torch.optim.RMSprop(nn.Linear(1, 1).parameters(), lr=0.01))
