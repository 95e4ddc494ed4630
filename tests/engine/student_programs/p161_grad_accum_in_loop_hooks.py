import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
for i in range(3):
    loss = (a * (i + 1)).sum()
    loss.backward()
    print(i, a.grad)
a.grad.data.zero_()
print(a.grad)
b = torch.tensor(1.0, requires_grad=True)
c = b * 2
d = c * 3
d.backward(retain_graph=True)
print(b.grad, c.grad)
e = c * 4
e.backward()
print(b.grad)
