import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y.retain_grad()
z = (y ** 2).sum()
z.backward()
print("x.grad:", x.grad)
print("y.grad:", y.grad)
print(y.is_leaf, x.is_leaf, z.is_leaf)
print(type(y.grad_fn).__name__)
print(z.grad_fn.name())
print(x.grad_fn)
print(z.grad_fn.next_functions[0][0].name())
