import torch
import torch.nn as nn

X = torch.linspace(-1, 1, 12).unsqueeze(1)
Y = 3 * X - 0.5
model = nn.Linear(1, 1)
nn.init.zeros_(model.weight)
nn.init.constant_(model.bias, 0.1)
opt = torch.optim.SGD(model.parameters(), lr=0.2)
loss_fn = nn.MSELoss()
batch_size = 4
num_epochs = 5
for epoch in range(num_epochs):
    running = 0.0
    for i in range(0, len(X), batch_size):
        xb, yb = X[i:i + batch_size], Y[i:i + batch_size]
        loss = loss_fn(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        running += loss.item() * xb.size(0)
    print(f"Epoch [{epoch + 1}/{num_epochs}], Loss: {running / len(X):.4f}")
print(f"w = {model.weight.item():.4f}, b = {model.bias.item():.4f}")
print(model.state_dict())
