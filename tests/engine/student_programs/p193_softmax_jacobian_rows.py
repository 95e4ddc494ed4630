import torch

z = torch.tensor([1.0, 2.0, 0.5, -1.0], requires_grad=True)
s = torch.softmax(z, dim=0)
print(s, s.sum())
rows = []
for i in range(len(s)):
    gi, = torch.autograd.grad(s[i], z, retain_graph=True)
    rows.append(gi)
J = torch.stack(rows)
print(J)
analytic = torch.diag(s.detach()) - torch.outer(s.detach(), s.detach())
print(torch.allclose(J, analytic, atol=1e-7))
print(J.sum(dim=1).abs().max() < 1e-6)
ls = torch.log_softmax(z, 0)
print(ls, ls.exp().sum())
print(torch.autograd.functional.jacobian(lambda t: torch.softmax(t, 0), z).shape)
