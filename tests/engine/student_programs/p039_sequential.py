import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Linear(4, 8),
    nn.Tanh(),
    nn.Linear(8, 2),
)
print(model)
print(model[0])
print(len(model))
with torch.no_grad():
    for m in model:
        if isinstance(m, nn.Linear):
            m.weight.fill_(0.01)
            m.bias.fill_(-0.02)
x = torch.ones(3, 4)
print(model(x))
print(model[0].weight.shape)
seq2 = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Softmax(dim=1))
print(seq2)
