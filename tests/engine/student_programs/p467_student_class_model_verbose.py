import torch
import torch.nn as nn

class MyPolyModel(nn.Module):
    """Cubic polynomial y = a + b x + c x^2 + d x^3"""
    def __init__(self):
        super().__init__()
        self.a = nn.Parameter(torch.tensor(0.0))
        self.b = nn.Parameter(torch.tensor(0.0))
        self.c = nn.Parameter(torch.tensor(0.0))
        self.d = nn.Parameter(torch.tensor(0.0))

    def forward(self, x):
        return self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3

    def string(self):
        return f'y = {self.a.item()} + {self.b.item()} x + {self.c.item()} x^2 + {self.d.item()} x^3'

x = torch.linspace(-1, 1, 50)
y = torch.sin(2 * x)
model = MyPolyModel()
print(model)
print(list(model.parameters()))
for n, p in model.named_parameters():
    print(n, p)
crit = torch.nn.MSELoss(reduction='sum')
opt = torch.optim.SGD(model.parameters(), lr=1e-3)
for t in range(500):
    y_pred = model(x)
    loss = crit(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item())
    opt.zero_grad()
    loss.backward()
    opt.step()
print(f'Result: y = {model.a.item():.4f} + {model.b.item():.4f} x + {model.c.item():.4f} x^2 + {model.d.item():.4f} x^3')
print(model.state_dict())
print(model.a)
print(model.d.grad)

class Wrapper(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = MyPolyModel()
        self.scale = nn.Parameter(torch.ones(2))
        self.extra = torch.zeros(2)   # plain tensor, not registered
    def forward(self, x):
        return self.inner(x) * self.scale[0]

w = Wrapper()
print(w)
print([n for n, _ in w.named_parameters()])
print(sum(p.numel() for p in w.parameters()))
print(w.state_dict().keys())
print(w.inner.string())
print(w(torch.tensor([1.0, 2.0])))
w.inner.e
