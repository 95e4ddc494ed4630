# image-border handling: F.pad modes, the padding layers, their reprs, gradients and mistakes
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(12.0).reshape(1, 1, 3, 4).requires_grad_()
for mode in ["constant", "reflect", "replicate", "circular"]:
    y = F.pad(x, (1, 2, 1, 0), mode=mode)
    print(mode, tuple(y.shape))
    print(y)
signal = torch.tensor([[1.0, 2.0, 3.0, 4.0, 5.0]], requires_grad=True)
padded = F.pad(signal, (2, 2), mode="reflect")
print(padded)
(padded * torch.arange(9.0)).sum().backward()
print(signal.grad)
layers = [nn.ZeroPad2d((1, 0, 0, 1)), nn.ConstantPad1d(2, -1.0), nn.ReflectionPad1d((1, 2)),
          nn.ReflectionPad2d(1), nn.ReplicationPad2d((2, 0, 1, 1)), nn.CircularPad1d(1),
          nn.CircularPad2d((1, 1, 0, 2))]
for layer in layers:
    print(layer, type(layer).__name__, type(layer))
    inp = x if "2d" in type(layer).__name__ else x[0]
    print(layer(inp).shape)
img = torch.rand(2, 3, 5, 5)
pad = nn.Sequential(nn.ReflectionPad2d(2), nn.Conv2d(3, 4, 5))
print(pad, pad(img).shape)
g = torch.autograd.grad((nn.ReplicationPad1d(2)(signal) ** 2).sum(), signal, create_graph=True)[0]
print(g)
print(torch.autograd.grad(g.sum(), signal)[0])
for bad in [lambda: F.pad(signal, (5, 1), mode="reflect"),
            lambda: F.pad(torch.ones(5), (1, 1), mode="reflect"),
            lambda: nn.ReflectionPad2d(3)(torch.ones(1, 3, 3)),
            lambda: F.pad(signal, (1, 1), mode="wrap"),
            lambda: F.pad(signal, (9, 0), mode="circular"),
            lambda: F.pad(signal, (1, 1), mode="replicate", value=2.0)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
