# gradjudge example: judge submit problems/examples/minimize-difficult-function-100-steps.py -p minimize-difficult-function
# expected verdict: PA (stopped after 100 steps: not a minimum yet, partial credit by the value gap)
import torch

x = torch.tensor(3.0, requires_grad=True)

for i in range(100):
    y = -torch.log(1 / (1 + torch.exp(-x)) + 1) / (x ** 2 + 1)
    y.backward()
    x.data = x.data - 0.01 * x.grad
    x.grad.zero_()
