import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
try:
    y.backward()
except RuntimeError as e:
    print("RuntimeError:", e)
y.backward(torch.ones_like(y))
print(x.grad)
x.grad = None
y2 = x ** 3
y2.backward(torch.tensor([0.1, 1.0, 0.01]))
print(x.grad)
