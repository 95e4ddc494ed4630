import torch
import torch.nn as nn

model = nn.Linear(3, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.1, 0.2, 0.3]]))
    model.bias.fill_(0.0)
X = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0]])
Y = torch.tensor([[2.0], [1.0], [0.5]])
lr = 0.1
for step in range(50):
    loss = ((model(X) - Y) ** 2).mean()
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= lr * param.grad
    if step % 10 == 0:
        print(step, round(loss.item(), 5))
for param in model.parameters():
    param.data.sub_(0.0 * param.grad.data)
print(model.weight.data)
print(model.bias.data)
