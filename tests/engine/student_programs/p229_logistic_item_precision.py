import torch
import torch.nn as nn

x = torch.tensor([[0.2, 1.1], [1.3, -0.7], [-0.4, 0.9], [2.2, 0.1], [-1.5, -0.3], [0.8, 0.8]])
t = torch.tensor([0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
w = torch.tensor([0.1, -0.1], requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
criterion = nn.BCEWithLogitsLoss()
opt = torch.optim.SGD([w, b], lr=1.0)
for step in range(10):
    z = (x * w).sum(dim=1) + b
    loss = criterion(z, t)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 3 == 0:
        print(step, loss.item(), w.tolist(), b.item())
p = torch.sigmoid(z)
print(torch.nn.functional.logsigmoid(z).tolist())
print(nn.BCEWithLogitsLoss(reduction="sum")(z, t).item())
print(nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0))(z, t).item())
print(((p > 0.5).float() == t).float().mean().item())
