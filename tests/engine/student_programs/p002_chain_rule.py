import torch

# chain rule: z = sin(y), y = x^3 + 1
x = torch.tensor(1.5, requires_grad=True)
y = x ** 3 + 1
z = torch.sin(y)
z.backward()
print("z =", z)
print("dz/dx =", x.grad)
expected = torch.cos(x ** 3 + 1) * 3 * x ** 2
print("manual:", expected.detach())
print(torch.allclose(x.grad, expected.detach()))
