import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.stack([x[0] * x[1], x[1] ** 2 + x[2], torch.exp(x[2] / 3)])
J = torch.zeros(3, 3)
for i in range(3):
    gvec = torch.zeros(3)
    gvec[i] = 1.0
    y.backward(gvec, retain_graph=True)
    J[i] = x.grad
    x.grad.zero_()
print(J)
y.backward(torch.tensor([1.0, 0.5, 0.25]))
print(x.grad)
try:
    y.backward(torch.ones(3))
except RuntimeError as e:
    print("RuntimeError:", e)
x.grad = None
w = x * 2
try:
    w.backward()
except RuntimeError as e:
    print(e)
try:
    w.backward(torch.ones(2))
except RuntimeError as e:
    print(e)
try:
    w.backward(torch.ones(3, dtype=torch.float64))
    print(x.grad, x.grad.dtype)
except RuntimeError as e:
    print(e)
x.grad = None
try:
    w.backward([1.0, 1.0, 1.0])
except Exception as e:
    print(type(e).__name__, e)
w = x * 2
w.backward(gradient=torch.tensor([1.0, 10.0, 100.0]))
print(x.grad)
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
out = m @ m
out.backward(torch.eye(2))
print(m.grad)
s = (x ** 2).sum()
s.backward(torch.tensor(2.0))
print(x.grad)
s2 = (x ** 2).sum()
try:
    s2.backward(torch.tensor([2.0]))
    print(x.grad)
except RuntimeError as e:
    print(e)
t = x.sum()
t.backward(torch.tensor(1.0, dtype=torch.float64))
print(x.grad)
torch.autograd.backward([x.sum(), (x * 3).sum()], [torch.tensor(1.0), torch.tensor(-1.0)])
print(x.grad)
