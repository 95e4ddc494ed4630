import torch

A = torch.tensor([[4.0, 1.0], [2.0, 3.0]], requires_grad=True)
print(torch.linalg.det(A))
print(torch.det(A))
print(torch.linalg.inv(A))
print(torch.inverse(A))
b = torch.tensor([1.0, 2.0])
print(torch.linalg.solve(A, b))
print(torch.linalg.norm(A))
print(torch.linalg.norm(torch.tensor([3.0, 4.0])))
print(torch.linalg.vector_norm(torch.tensor([3.0, 4.0]), ord=1))
d = torch.linalg.det(A)
d.backward()
print(A.grad)
A.grad = None
torch.linalg.inv(A).sum().backward()
print(A.grad)
try:
    torch.linalg.inv(torch.tensor([[1.0, 2.0], [2.0, 4.0]]))
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.linalg.matrix_norm(A.detach()))
