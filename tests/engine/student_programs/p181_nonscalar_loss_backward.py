import torch

X = torch.tensor([[1.0], [2.0], [3.0]])
y = torch.tensor([[2.0], [4.1], [5.9]])
w = torch.tensor([[0.5]], requires_grad=True)
pred = X @ w
err = (pred - y) ** 2
print(err)
print(err.shape, err.requires_grad, err.grad_fn.name())
err.backward(torch.ones_like(err))
print(w.grad)
w.grad.zero_()
err = (X @ w - y) ** 2
err.sum().backward()
print(w.grad)
err = (X @ w - y) ** 2
err.backward()
