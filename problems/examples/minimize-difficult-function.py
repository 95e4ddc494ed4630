# gradjudge example: judge submit problems/examples/minimize-difficult-function.py -p minimize-difficult-function
# expected verdict: AC (the lecture's gradient-descent loop; the judge evaluates f at x itself)
import torch

lr = 0.01
x = torch.tensor(3.0, requires_grad=True)


def f(x):
    return -torch.log(1 / (1 + torch.exp(-x)) + 1) / (x ** 2 + 1)


for i in range(10001):
    y = f(x)
    y.backward()
    x.data = x.data - lr * x.grad
    x.grad.zero_()

print(x.item())
