# gradjudge example: judge submit problems/examples/integer-requires-grad-int.py -p integer-requires-grad
# expected verdict: RE (RuntimeError: Only Tensors of floating point and complex dtype can require gradients)
import torch

x = torch.tensor(3, requires_grad=True)
y = x ** 3 - 4 * x
y.backward()
