import torch
import torch.nn as nn
from collections import OrderedDict

class Residual(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.dim = dim
        self.net = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))
        self.norm = nn.LayerNorm(dim)

    def extra_repr(self):
        return f"dim={self.dim}"

    def forward(self, x):
        return self.norm(x + self.net(x))

class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(OrderedDict([
            ("fc", nn.Linear(4, 16)),
            ("act", nn.LeakyReLU(0.1)),
        ]))
        self.blocks = nn.ModuleList([Residual(16, 32) for _ in range(3)])
        self.heads = nn.ModuleDict({"cls": nn.Linear(16, 3), "reg": nn.Linear(16, 1)})
        self.temps = nn.ParameterList([nn.Parameter(torch.ones(1)) for _ in range(2)])
        self.drop = nn.Dropout(p=0.25)
        self.flat = nn.Flatten()
        self.bn = nn.BatchNorm1d(16)
        self.sm = nn.Softmax(dim=-1)

    def forward(self, x):
        x = self.stem(x)
        for b in self.blocks:
            x = b(x)
        return self.heads["cls"](x), self.heads["reg"](x)

m = Classifier()
print(m)
print(m.stem)
print(m.stem.fc)
print(m.blocks[1])
print(m.heads)
print(m.temps)
print(nn.Sequential())
print(nn.ModuleList())
print(nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2)))
print(nn.Sequential(*[nn.Linear(3, 3) for _ in range(4)], nn.Sigmoid()))
print(nn.Linear(3, 1, bias=False), nn.ReLU(inplace=True), nn.ELU(alpha=0.5), nn.Tanh())
print(nn.Softplus(beta=2.0), nn.Hardtanh(-2, 2), nn.PReLU(), nn.SiLU(), nn.Identity())
print(nn.MSELoss(), nn.CrossEntropyLoss(), nn.BCEWithLogitsLoss(), nn.L1Loss(reduction="sum"))
print(nn.Embedding(10, 3), nn.LayerNorm([2, 3]), nn.BatchNorm1d(4, momentum=0.2))

m.eval()
sample = torch.tensor([0.5, -1.0, 2.0, 0.0])
cls_out, reg_out = m(sample)
print("single sample:", cls_out.shape, reg_out.shape, cls_out.grad_fn.name(), type(reg_out.grad_fn).__name__)
batch_out, _ = m(sample.unsqueeze(0))
print("batch:", batch_out.shape, batch_out.grad_fn.name())
