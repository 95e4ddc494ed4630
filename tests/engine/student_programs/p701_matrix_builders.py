import torch

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
b = torch.eye(2)
k = torch.kron(a, b)
print(k)
(k * torch.arange(16.0).reshape(4, 4)).sum().backward()
print(a.grad)
print(torch.kron(torch.tensor([1, 2]), torch.tensor([1, 10, 100])))
c = torch.tensor([5.0], requires_grad=True)
bd = torch.block_diag(a, c, torch.tensor([[7.0, 8.0]]))
print(bd)
bd.pow(2).sum().backward()
print(c.grad)
print(torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([10, 20, 30])))
x = torch.tensor([1.0, 2.0, 3.0])
print(torch.vander(x))
print(torch.vander(x, N=4, increasing=True))
m = torch.arange(6).reshape(2, 3)
print(torch.rot90(m), torch.rot90(m, 2), m.rot90(-1, [0, 1]))
try:
    torch.rot90(m, 1, [0, 0])
except RuntimeError as e:
    print("RuntimeError:", e)
