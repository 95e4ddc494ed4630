import torch

scores = torch.tensor([[0.1, 0.7, 0.2], [0.5, 0.5, 0.0], [0.3, 0.3, 0.4]])
values, indices = torch.max(scores, dim=1)
print(values)
print(indices)
print(torch.max(scores, dim=1))
print(torch.max(scores, 0, keepdim=True))
res = scores.min(1)
print(res.values.tolist(), res.indices.tolist())
print(res[1].dtype)

ints = torch.tensor([[3, 9, 2], [7, 7, 1]])
print(ints.max(dim=1))
print(ints.max(), ints.min(dim=0).indices)
d = torch.tensor([[1.5, -2.25], [0.125, 4.0]], dtype=torch.float64)
print(torch.max(d, dim=1))
cube = torch.arange(24).reshape(2, 3, 4) % 5
print(cube.max(dim=2))
print(cube.max(dim=-3).values)
for i, (v, k) in enumerate(zip(*scores.max(dim=1))):
    print(i, v.item(), k.item())
x = torch.tensor([1.0, 4.0, 2.0], requires_grad=True)
m = torch.max(x, dim=0)
print(m)
m.values.backward()
print(x.grad)
