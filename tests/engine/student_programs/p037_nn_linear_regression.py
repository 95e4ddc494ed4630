import torch
import torch.nn as nn

X = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
Y = 2 * X + 1
model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(0.5)
    model.bias.zero_()
print(model)
print(model.weight, model.bias)
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
for epoch in range(300):
    optimizer.zero_grad()
    loss = criterion(model(X), Y)
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 100 == 0:
        print(f'Epoch [{epoch+1}/300], Loss: {loss.item():.4f}')
print(model.weight.item(), model.bias.item())
print(f"{model.weight.item():.3f} {model.bias.item():.3f}")
print(model(torch.tensor([[5.0]])))
