import torch
import torch.nn.functional as F

p = torch.tensor([0.9, 0.2, 0.6, 0.999, 0.01], requires_grad=True)
y = torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0])
eps = 1e-7
manual = -(y * torch.log(p.clamp(eps, 1 - eps)) + (1 - y) * torch.log((1 - p).clamp(eps, 1 - eps))).mean()
builtin = F.binary_cross_entropy(p, y)
print(manual, builtin)
print(torch.isclose(manual, builtin))
builtin.backward()
print(p.grad)
z = torch.log(p.detach() / (1 - p.detach()))
print(z)
print(F.binary_cross_entropy_with_logits(z, y))
print(F.binary_cross_entropy(p, y, reduction="sum"), F.binary_cross_entropy(p, y, weight=torch.tensor([1.0, 2.0, 1.0, 1.0, 0.5])))
print(F.binary_cross_entropy(torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0])))
