import torch

W = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], requires_grad=True)
x = torch.tensor([1.0, -1.0], requires_grad=True)
y = W @ x
print(y)
L = (y ** 2).sum()
L.backward()
print(W.grad)
print(x.grad)
A = torch.tensor([[2.0, 0.0], [1.0, 3.0]], requires_grad=True)
B = torch.tensor([[1.0, 1.0], [0.0, 2.0]], requires_grad=True)
C = A @ B
C.sum().backward()
print(A.grad, B.grad, sep="\n")
v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
(v @ v).backward()
print(v.grad)
