import torch
import torch.nn as nn

model = nn.Linear(2, 1).double()
print(model.weight.dtype)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.5, -0.5]]))
    model.bias.fill_(0.25)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)
out = model(x)
print(out)
loss = out.pow(2).mean()
loss.backward()
print(model.weight.grad)
try:
    model(torch.ones(1, 2))
except RuntimeError as e:
    print("RuntimeError:", e)
m2 = nn.Linear(2, 1).to(torch.float64)
print(m2.bias.dtype)
print(model.float().weight.dtype)
