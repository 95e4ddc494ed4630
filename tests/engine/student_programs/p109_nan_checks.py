import torch

x = torch.tensor([1.0, float('nan'), 3.0])
print(torch.isnan(x))
print(torch.isnan(x).any())
print(x.isnan().sum().item())
print(torch.isfinite(torch.tensor([1.0, float('inf')])))
print(torch.nan_to_num(x) if hasattr(torch, 'nan_to_num') else None)
w = torch.tensor(1.0, requires_grad=True)
loss = torch.log(w - 1)
loss.backward()
print(loss, w.grad)
print(torch.tensor(0.0) * float('inf'))
