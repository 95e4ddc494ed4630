import torch

x = torch.tensor(1.5, requires_grad=True)
out = torch.zeros(3)
out[0] = x * 2
out[1] = x ** 2
out[2] = torch.sin(x)
print(out)
print(out.grad_fn.name(), out.is_leaf)
out.sum().backward()
print(x.grad)
M = torch.zeros(2, 2)
M[0, :] = torch.stack([x, -x])
M[1, 1] = 3 * x
print(M)
M.pow(2).sum().backward()
print(x.grad)
