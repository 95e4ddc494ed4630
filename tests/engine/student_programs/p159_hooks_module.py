import torch
import torch.nn as nn

lin = nn.Linear(2, 1)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, 2.0]]))
    lin.bias.zero_()
acts = {}
def fwd_hook(mod, inp, out):
    acts['out'] = out.detach()
    print("forward hook", type(mod).__name__, inp[0].shape, out.shape)
h = lin.register_forward_hook(fwd_hook)
y = lin(torch.tensor([[1.0, 1.0]]))
print(acts['out'])
h.remove()
lin(torch.tensor([[1.0, 1.0]]))
print(len(acts))
lin.weight.register_hook(lambda g: print("weight grad", g))
lin(torch.tensor([[3.0, 4.0]])).sum().backward()
print(lin.weight.grad)
