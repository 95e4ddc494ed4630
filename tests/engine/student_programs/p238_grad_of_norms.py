import torch

x = torch.tensor([3.0, 4.0], requires_grad=True)
n = torch.norm(x)
n.backward()
print(n, x.grad)

x.grad = None
torch.linalg.norm(x).backward()
print(x.grad)

x.grad = None
x.norm(p=1).backward()
print(x.grad)

# 2点間の距離の勾配
p = torch.tensor([1.0, 2.0, 2.0], requires_grad=True)
q = torch.tensor([0.0, 0.0, 0.0])
d = (p - q).pow(2).sum().sqrt()
d.backward()
print(d.item(), p.grad)

# ノルム 0 での勾配
z = torch.zeros(3, requires_grad=True)
z.norm().backward()
print(z.grad)
z2 = torch.zeros(3, requires_grad=True)
torch.sqrt((z2 ** 2).sum()).backward()
print(z2.grad)

# 行列のフロベニウスノルムと二乗ノルム
A = torch.tensor([[1.0, -2.0], [2.0, 4.0]], requires_grad=True)
fro = A.norm()
fro.backward()
print(fro.item(), A.grad)
A.grad.zero_()
(A ** 2).sum().backward()
print(A.grad)
v = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
r = v.norm(dim=1)
print(r)
r.sum().backward()
print(v.grad)

# torch.dist / Tensor.dist と F.pairwise_distance
a = torch.tensor([[1.0, 2.0], [0.0, 1.0]], requires_grad=True)
c = torch.tensor([0.0, 3.0])
print(a.dist(c), a.dist(c, p=1), a.dist(c, float("inf")))
a.dist(c).backward()
print(a.grad)
a.grad = None
pd = torch.nn.functional.pairwise_distance(a, c)
print(pd)
pd.sum().backward()
print(a.grad)
