import torch
import torch.nn as nn

class Tied(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(6, 3, bias=False)
        self.dec = nn.Linear(3, 6, bias=False)
        self.dec.weight = nn.Parameter(self.enc.weight.t())  # not really tied
        self.proj = nn.Linear(3, 3)
        self.proj2 = self.proj                                # really shared

    def forward(self, x):
        return self.dec(self.proj2(self.proj(self.enc(x))))

m = Tied()
print(len(list(m.parameters())), sum(p.numel() for p in m.parameters()))
print([n for n, _ in m.named_parameters()])
print([n for n, _ in m.named_modules()])
print(len(m.state_dict()), list(m.state_dict().keys()))
print([n for n, _ in m.named_parameters(recurse=False)])
print([n for n, _ in m.named_parameters(prefix="model")])

def init_weights(mod):
    if isinstance(mod, nn.Linear):
        nn.init.constant_(mod.weight, 0.1)
        if mod.bias is not None:
            nn.init.zeros_(mod.bias)
        print("init", mod)

m.apply(init_weights)
x = torch.arange(12.0).reshape(2, 6) / 10
y = m(x)
print(y)
y.pow(2).mean().backward()
for n, p in m.named_parameters():
    print(n, None if p.grad is None else f"{p.grad.abs().sum().item():.6f}")
m.zero_grad()
print([p.grad for p in m.parameters()])
m.zero_grad(set_to_none=False) if False else None
y = m(x).sum()
y.backward()
for p in m.parameters():
    p.grad = torch.zeros_like(p)
m.zero_grad(set_to_none=False)
print([p.grad.sum().item() for p in m.parameters()])
print(m.proj is m.proj2)
print(sum(p.numel() for p in set(m.parameters())))
print(nn.utils.parameters_to_vector(m.parameters()).shape)
