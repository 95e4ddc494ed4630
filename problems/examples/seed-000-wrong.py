# gradjudge example: judge submit problems/examples/seed-000-wrong.py -p seed-000-shared-coefficients
# expected verdict: WA (backpropagates the first sample only, which gives the handout's 8 and 12)
import torch

a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
x = torch.tensor([[1.0], [2.0]], requires_grad=True)

y = b * x ** 3
f_y = a * y ** 3
f_y[0, 0].backward()

print(a.grad, b.grad)
