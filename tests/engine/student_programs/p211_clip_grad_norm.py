import torch
import torch.nn as nn
from torch.nn.utils import clip_grad_norm_, clip_grad_value_

model = nn.Linear(3, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[1.0, -2.0, 0.5]]))
    model.bias.fill_(0.0)
x = torch.tensor([[10.0, 20.0, -5.0], [3.0, 1.0, 2.0]])
y = torch.tensor([[1.0], [0.0]])
loss = nn.functional.mse_loss(model(x), y)
loss.backward()
print(loss)
print(model.weight.grad, model.bias.grad)
total = clip_grad_norm_(model.parameters(), max_norm=1.0)
print(total)
print(model.weight.grad, model.bias.grad)
norm_after = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters()))
print(f"{norm_after:.4f}")
clip_grad_value_(model.parameters(), clip_value=0.1)
print(model.weight.grad)
