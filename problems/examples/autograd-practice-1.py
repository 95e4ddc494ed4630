# gradjudge example: judge submit problems/examples/autograd-practice-1.py -p autograd-practice-1
# expected verdict: AC (the lecture's exercise 3.1: dy/dx of y = x^2 + 2x + 1 at x = 3, by autograd)
import torch

x = torch.tensor(3.0, requires_grad=True)
y = x ** 2 + 2 * x + 1

y.backward()
gx = x.grad

print(gx.item())  # → 8.0
