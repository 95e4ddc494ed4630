# A correct submission for autograd-practice-1 (the lecture's exercise 3.1):
# the derivative of y = x^2 + 2x + 1 at x = 3.0, by autograd.
import torch

x = torch.tensor(3.0, requires_grad=True)
y = x ** 2 + 2 * x + 1

y.backward()
gx = x.grad

print(gx.item())  # → 8.0
