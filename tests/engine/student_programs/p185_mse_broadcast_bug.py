import torch
import torch.nn as nn

X = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
y = torch.tensor([3.0, 5.0, 7.0, 9.0])
model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(2.0)
    model.bias.fill_(1.0)
pred = model(X)
print(pred.shape, y.shape)
wrong = nn.MSELoss()(pred, y)
right = nn.MSELoss()(pred.squeeze(-1), y)
print("wrong:", wrong.item(), "right:", right.item())
print((pred - y).shape)
print(nn.functional.mse_loss(pred.view(-1), y, reduction="sum"))
print(nn.MSELoss(reduction="none")(pred.flatten(), y + 0.5))
