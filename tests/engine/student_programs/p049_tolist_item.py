import torch

t = torch.tensor([[1.5, 2.5], [3.5, 4.5]])
print(t.tolist())
print(t[0].tolist())
print(t[0, 0].tolist())
print(torch.tensor([1, 2, 3]).tolist())
print(torch.tensor([True, False]).tolist())
print(torch.tensor(0.1).item())
print(torch.tensor(0.1, dtype=torch.float64).item())
print(t.sum().item())
try:
    t.item()
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.tensor([7]).item())
print(torch.tensor(1e-8).item())
print(t.numpy())
print(t.numpy().tolist())
print(type(t.tolist()), type(t.numpy()))
