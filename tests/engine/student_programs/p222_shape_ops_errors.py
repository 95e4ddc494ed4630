import torch

x = torch.arange(12.0)
print(x.view(3, 4).t().contiguous().view(-1))
print(x.reshape(2, -1, 3).shape, x.unsqueeze(0).unsqueeze(-1).shape)
print(x.view(2, 6).repeat(2, 1).shape, x[:3].expand(2, 3))
print(torch.flatten(x.view(2, 2, 3), start_dim=1).shape, x.view(4, 3).squeeze().shape)
a, b = torch.split(x, [5, 7])
print(a, b.shape, [c.shape for c in x.chunk(5)])
print(torch.cat([x.view(3, 4), torch.zeros(1, 4)]).shape, torch.stack([x, x], dim=1).shape)
print(x.view(3, 4).permute(1, 0).is_contiguous(), x.view(3, 4).T.shape)
print(x.view(2, 6).transpose(0, 1).reshape(3, 4))
try:
    torch.cat([x.view(3, 4), torch.zeros(4, 3)])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    x.view(5, -1)
except RuntimeError as e:
    print("RuntimeError:", e)
print(x.view(3, 4)[:, None, :].shape, x.view(3, 4)[..., 1].shape)
torch.stack([x, x[:5]])
