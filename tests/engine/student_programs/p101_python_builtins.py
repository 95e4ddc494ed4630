import torch

x = torch.tensor([3.0, 1.0, 2.0])
for v in x:
    print(v)
print(list(x))
print(sum(x))
print(max(x), min(x))
print(sorted(x))
print(len(x), 2.0 in x)
print([float(v) for v in x])
losses = [torch.tensor(0.5), torch.tensor(0.25)]
print(sum(losses) / len(losses))
print(torch.tensor(losses))
a, b, c = x
print(a, b, c)
print(x == torch.tensor([3.0, 0.0, 2.0]))
print(torch.equal(x, x.clone()), torch.allclose(x, x + 1e-9))
print(x.eq(3).any().item())
print(abs(torch.tensor(-2.5)), -torch.tensor(1), +torch.tensor(2.0))
print(torch.tensor(5.0) > 3, bool(torch.tensor(5.0) > 3))
if torch.tensor(1.0) < 2:
    print("comparison works")
print(divmod(7, 2), torch.tensor(7) // 2, torch.tensor(7.5) % 2)
