import torch
import torch.nn as nn

lin = nn.Linear(2, 1)
nn.init.ones_(lin.weight)
nn.init.zeros_(lin.bias)
opt = torch.optim.SGD(lin.parameters(), lr=0.1)
x = torch.tensor([[1.0, 2.0]])
lin(x).sum().backward()
print(lin.weight.grad)
opt.zero_grad()
print(lin.weight.grad)
lin(x).sum().backward()
opt.zero_grad(set_to_none=False)
print(lin.weight.grad)
lin.zero_grad()
print(lin.bias.grad)
print(lin.weight)
