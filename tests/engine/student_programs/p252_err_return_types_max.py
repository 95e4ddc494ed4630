import torch

out = torch.tensor([[0.2, 0.8], [0.9, 0.1], [0.4, 0.6]])
y = torch.tensor([1, 0, 0])
pred = torch.max(out, 1)
print(type(pred))
print(pred)
print(len(pred), pred[1])
# torch.max(out, 1) は (values, indices) なので .float() はない
acc = (pred == y).float().mean()
