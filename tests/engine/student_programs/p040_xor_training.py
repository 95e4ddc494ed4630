import torch
import torch.nn as nn

X = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
y = torch.tensor([[0.], [1.], [1.], [0.]])

model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid())
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[1.0, -1.0], [-1.0, 1.0], [0.5, 0.5], [1.0, 1.0]]))
    model[0].bias.copy_(torch.tensor([0.0, 0.0, -0.2, -1.0]))
    model[2].weight.copy_(torch.tensor([[1.0, 1.0, -0.5, -1.0]]))
    model[2].bias.fill_(0.0)
loss_fn = nn.BCELoss()
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(500):
    opt.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    opt.step()
    if epoch % 100 == 0:
        print(f"epoch {epoch} loss {loss.item():.4f}")
with torch.no_grad():
    pred = model(X)
print((pred > 0.5).float().squeeze())
print(pred.round())
