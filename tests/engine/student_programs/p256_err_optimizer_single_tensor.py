import torch

w = torch.tensor([1.0, -1.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
loss = (w ** 2).sum()
loss.backward()
opt.step()
print(w)
print(opt.param_groups[0]["lr"], len(opt.param_groups[0]["params"]))
# リストで包み忘れ
opt2 = torch.optim.SGD(w, lr=0.1)
