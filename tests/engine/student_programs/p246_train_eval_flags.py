import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(3, 1))
print(model.training, [m.training for m in model])
model.eval()
print(model.training, [m.training for m in model])
with torch.no_grad():
    model[0].weight.copy_(torch.arange(12.0).reshape(3, 4) / 10)
    model[0].bias.fill_(-0.5)
    model[3].weight.copy_(torch.tensor([[1.0, -1.0, 0.5]]))
    model[3].bias.zero_()
x = torch.tensor([[1.0, 0.0, -1.0, 2.0], [0.5, 0.5, 0.5, 0.5]])
with torch.no_grad():
    a = model(x)
    b = model(x)
print(a)
print(torch.equal(a, b))
model.train()
print(model.training, model[2].training)
r = model.train(False)
print(r is model, model.training)
d = nn.Dropout(0.3)
print(d, d.p, d.training)
d.eval()
print(d(torch.ones(5)))
model[2].train()
print([m.training for m in model], model.training)
