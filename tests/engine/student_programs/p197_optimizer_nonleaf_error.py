import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
scale = torch.tensor(3.0, requires_grad=True)
opt = torch.optim.SGD([{"params": [w]}, {"params": [scale], "lr": 0.5}], lr=0.1)
print(len(opt.param_groups), [g["lr"] for g in opt.param_groups])
loss = (w * scale).sum()
loss.backward()
opt.step()
print(w, scale)
w2 = w * 2
opt2 = torch.optim.Adam([w2], lr=0.1)
