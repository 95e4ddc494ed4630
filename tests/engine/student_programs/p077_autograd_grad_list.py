import torch

w = torch.tensor([1.0, -2.0], requires_grad=True)
b = torch.tensor(0.5, requires_grad=True)
x = torch.tensor([3.0, 4.0])
y = torch.dot(w, x) + b
dw, db = torch.autograd.grad(y, (w, b))
print(dw, db)
y = torch.dot(w, x) + b
y.backward(inputs=[w])
print(w.grad, b.grad)
z = (w ** 2).sum()
torch.autograd.backward(z)
print(w.grad)
