import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([[-3.0, -0.5, 0.5, 7.0], [1.0, 6.5, -1.0, 0.0]], requires_grad=True)
t = torch.tensor([[0.0, 0.0, 2.0, 5.0], [1.0, 1.0, 1.0, 1.0]])
for name, fn in [("silu", F.silu), ("logsigmoid", F.logsigmoid), ("relu6", F.relu6),
                 ("hardtanh", F.hardtanh), ("softmin", lambda a: F.softmin(a, dim=1)),
                 ("normalize", F.normalize), ("pad", lambda a: F.pad(a, (1, 2))),
                 ("mish", F.mish), ("softsign", F.softsign),
                 ("smooth_l1", lambda a: F.smooth_l1_loss(a, t)),
                 ("smooth_l1_beta", lambda a: F.smooth_l1_loss(a, t, beta=0.5, reduction="sum")),
                 ("huber", lambda a: F.huber_loss(a, t, delta=2.0)),
                 ("huber_none", lambda a: F.huber_loss(a, t, reduction="none"))]:
    y = fn(x)
    print(name, y)
    g, = torch.autograd.grad(y.sum(), x)
    print(g)
print(F.one_hot(torch.tensor([0, 2, 1]), num_classes=4))
try:
    F.one_hot(torch.tensor([0.0, 1.0]))
except RuntimeError as e:
    print("RuntimeError:", e)
print(nn.SiLU(), nn.ReLU6(), nn.Hardtanh(), nn.LogSigmoid(), nn.Softmin(dim=1), nn.Mish(), nn.Softsign())
print(nn.SmoothL1Loss(), nn.HuberLoss())
print(nn.SmoothL1Loss()(x, t), nn.HuberLoss(delta=0.5)(x, t))
print(nn.Sequential(nn.Linear(2, 2), nn.SiLU(), nn.Linear(2, 1), nn.ReLU6()))
x2 = torch.tensor([0.5, -1.0], requires_grad=True)
y2 = F.silu(x2).sum()
g1, = torch.autograd.grad(y2, x2, create_graph=True)
g2, = torch.autograd.grad(g1.sum(), x2)
print(g1, g2)
