import torch
import torch.nn as nn

X = torch.tensor([[0.5, 1.0], [1.5, 2.0], [3.0, 0.5], [4.0, 3.5], [-1.0, 0.0], [2.5, 2.5]])
y = torch.tensor([0.0, 0.0, 1.0, 1.0, 0.0, 1.0])

model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.zero_()
    model.bias.zero_()
criterion = nn.BCEWithLogitsLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(1, 101):
    logits = model(X).squeeze(1)
    loss = criterion(logits, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 25 == 0:
        with torch.no_grad():
            prob = torch.sigmoid(model(X)).squeeze()
            pred = (prob > 0.5).float()
            acc = pred.eq(y).float().mean()
        print(f"epoch {epoch}: loss {loss.item():.4f} acc {acc.item():.2f}")
print(model.weight, model.bias)
print(prob)
print(pred, pred.dtype)
print(logits.grad_fn.name(), loss.grad_fn.name(), loss.grad_fn.next_functions[0][0].name())
