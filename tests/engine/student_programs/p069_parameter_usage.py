import torch
import torch.nn as nn

class Quadratic(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Parameter(torch.tensor(1.0))
        self.b = nn.Parameter(torch.tensor([0.0, 0.0]))

    def forward(self, x):
        return self.a * x ** 2 + self.b[0] * x + self.b[1]

m = Quadratic()
print(m.a)
print(m.b)
print(list(m.parameters()))
print(dict(m.named_parameters()).keys())
xs = torch.tensor([-1.0, 0.0, 1.0, 2.0])
ys = 2 * xs ** 2 - xs + 3
opt = torch.optim.SGD(m.parameters(), lr=0.01)
for i in range(1000):
    opt.zero_grad()
    loss = ((m(xs) - ys) ** 2).mean()
    loss.backward()
    opt.step()
print(f"a={m.a.item():.3f} b={m.b.detach().numpy().round(3).tolist()}")
print(isinstance(m.a, torch.Tensor), type(m.a).__name__)
p = nn.Parameter(torch.ones(2))
print(p)
print(p * 2)
