import torch
import torch.nn as nn

X = torch.tensor([[1.0, 2.0], [2.0, 1.0], [-1.0, -2.0], [-2.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
y = torch.tensor([0, 0, 1, 1, 2, 2])

class Classifier(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super(Classifier, self).__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.out = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        x = torch.relu(self.hidden(x))
        return self.out(x)

model = Classifier(2, 5, 3)
with torch.no_grad():
    w = torch.arange(10, dtype=torch.float32).reshape(5, 2) / 10 - 0.45
    model.hidden.weight.copy_(w)
    model.hidden.bias.fill_(0.1)
    model.out.weight.copy_(torch.arange(15, dtype=torch.float32).reshape(3, 5) / 15 - 0.5)
    model.out.bias.zero_()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
criterion = nn.CrossEntropyLoss()
for epoch in range(200):
    optimizer.zero_grad()
    out = model(X)
    loss = criterion(out, y)
    loss.backward()
    optimizer.step()
    if epoch % 50 == 49:
        acc = (out.argmax(dim=1) == y).float().mean()
        print(f"epoch {epoch+1:3d} loss {loss.item():.4f} acc {acc.item():.2f}")
print(model(X).argmax(1))
