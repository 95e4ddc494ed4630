import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
y.backward(retain_graph=True)
print(x.grad)
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
x.grad = None
z = x * x
z.backward(torch.tensor(2.0))
print(x.grad)
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = (a * a).sum()
b.backward(retain_graph=True)
g1 = a.grad.clone()
a.grad.zero_()
b.backward()
print(g1, a.grad, torch.equal(g1, a.grad))
