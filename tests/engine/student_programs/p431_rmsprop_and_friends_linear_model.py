# Exercise: train the same linear model with RMSprop and other adaptive optimizers, print losses.
import torch
import torch.nn as nn

x = torch.linspace(-2, 2, 16).reshape(8, 2)
w_true = torch.tensor([[1.5], [-0.5]])
y = x @ w_true + 0.25


def make_model():
    model = nn.Linear(2, 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.1, 0.1]]))
        model.bias.fill_(0.0)
    return model


configs = [
    ("RMSprop", lambda p: torch.optim.RMSprop(p, lr=0.05)),
    ("RMSprop centered+momentum", lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9,
                                                               centered=True)),
    ("Adagrad", lambda p: torch.optim.Adagrad(p, lr=0.3, lr_decay=0.01)),
    ("Adamax", lambda p: torch.optim.Adamax(p, lr=0.1)),
    ("NAdam", lambda p: torch.optim.NAdam(p, lr=0.1)),
    ("RAdam", lambda p: torch.optim.RAdam(p, lr=0.1)),
    ("Adadelta", lambda p: torch.optim.Adadelta(p, lr=5.0)),
]

loss_fn = nn.MSELoss()
for name, make_opt in configs:
    model = make_model()
    opt = make_opt(model.parameters())
    losses = []
    for step in range(20):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print(f"{name}: " + " ".join(f"{l:.4f}" for l in losses[::4]) + f" final {losses[-1]:.4f}")
    print("   weight", model.weight.data, "bias", model.bias.data)

opt = torch.optim.RMSprop(make_model().parameters(), lr=0.01, momentum=0.9)
print(opt)
print(sorted(opt.state_dict()["param_groups"][0].keys()))

# a schedule on top: OneCycleLR, stepping every iteration
model = make_model()
opt = torch.optim.RMSprop(model.parameters(), lr=0.01, momentum=0.9)
sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.05, total_steps=12)
for step in range(12):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    sched.step()
    if step % 3 == 0:
        momentum = opt.param_groups[0]["momentum"]
        print(step, f"lr={sched.get_last_lr()[0]:.5f}", f"momentum={momentum:.4f}",
              f"loss={loss.item():.4f}")

for bad in [dict(lr=-0.1), dict(alpha=-1.0), dict(momentum=-0.9)]:
    try:
        torch.optim.RMSprop(model.parameters(), **bad)
    except ValueError as e:
        print("ValueError:", e)
