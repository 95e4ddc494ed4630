import torch

ws = [torch.tensor(float(i), requires_grad=True) for i in range(4)]
loss = sum(w ** 2 for w in ws)
loss.backward()
print(torch.stack([w.grad for w in ws]))
grads = [w.grad.item() for w in ws]
print(grads)
print(torch.cat([w.grad.view(1) for w in ws]))
print(torch.stack(ws))
print(type(torch.stack(ws).grad_fn).__name__)
params = [torch.ones(2, requires_grad=True), torch.ones(3, requires_grad=True)]
out = params[0].sum() * 2 + (params[1] * torch.arange(3.0)).sum()
out.backward()
flat = torch.cat([p.grad.flatten() for p in params])
print(flat, flat.norm())
