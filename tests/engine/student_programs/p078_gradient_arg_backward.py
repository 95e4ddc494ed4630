import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
y = x * x
v = torch.tensor([[1.0, 0.0], [0.5, 2.0]])
y.backward(v)
print(x.grad)
try:
    (x * 2).backward(torch.ones(3))
except RuntimeError as e:
    print("RuntimeError:", e)
x.grad = None
y = x.sum(dim=0)
y.backward(gradient=torch.tensor([1.0, -1.0]))
print(x.grad)
