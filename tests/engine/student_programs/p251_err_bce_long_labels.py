import torch
import torch.nn as nn

# ロジスティック回帰: ラベルを整数のまま作ってしまった
X = torch.tensor([[0.5], [1.5], [-1.0], [2.0]])
y = torch.tensor([0, 1, 0, 1])
model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(1.0)
    model.bias.fill_(-0.5)
print(model.weight.grad)
out = torch.sigmoid(model(X)).squeeze(1)
print(out)
print(y.dtype, out.dtype, out.shape == y.shape)
print(nn.functional.binary_cross_entropy(out, y.float()).item())
try:
    nn.functional.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
except RuntimeError as e:
    print("with logits:", e)
loss_fn = nn.BCELoss()
loss = loss_fn(out, y)
