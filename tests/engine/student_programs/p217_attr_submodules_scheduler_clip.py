import torch
import torch.nn as nn

model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.5, -0.5]]))
    model.bias.zero_()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]])
y = torch.tensor([[1.0], [2.0], [0.0]])
for epoch in range(4):
    opt.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.5)
    opt.step()
    sched.step()
    print(epoch, f"{loss.item():.4f}", f"{norm.item():.4f}", sched.get_last_lr())
vec = torch.nn.utils.parameters_to_vector(model.parameters())
print(vec.shape, vec.grad_fn.name())
