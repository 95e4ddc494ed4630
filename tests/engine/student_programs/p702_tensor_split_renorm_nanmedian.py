import torch

x = torch.arange(10.0, requires_grad=True)
parts = torch.tensor_split(x, 3)
print(parts)
print(x.tensor_split([2, 7]))
print(torch.tensor_split(torch.arange(12).reshape(3, 4), 2, dim=1))
(parts[0].sum() + 2 * parts[2].sum()).backward()
print(x.grad)

w = torch.tensor([[3.0, 4.0], [0.3, 0.4], [6.0, 8.0]], requires_grad=True)
r = torch.renorm(w, 2, 0, 1.0)
print(r)
r.sum().backward()
print(w.grad)
print(w.detach().renorm(1, 1, 2.0))

d = torch.tensor([[2.0, float("nan"), 1.0, 5.0], [float("nan"), 4.0, 3.0, float("nan")]], requires_grad=True)
print(torch.nanmedian(d))
print(d.nanmedian(dim=1))
print(torch.median(d.detach()), torch.nanmedian(d.detach(), 0, keepdim=True))
d.nanmedian(1).values.sum().backward()
print(d.grad)
