import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__)
    print(e)
z = torch.exp(x) * x
z.backward()
try:
    z.backward()
except RuntimeError as e:
    print(str(e)[:60])
