# convolutions with padding_mode reflect/replicate/circular; a dirac-initialised conv is the identity
import torch
import torch.nn as nn

torch.manual_seed(0)
for mode in ["zeros", "reflect", "replicate", "circular"]:
    conv = nn.Conv1d(1, 1, 3, padding=1, padding_mode=mode, bias=False)
    print(conv)
    with torch.no_grad():
        conv.weight.fill_(1.0)
    x = torch.tensor([[[1.0, 2.0, 3.0, 4.0]]], requires_grad=True)
    y = conv(x)
    print(mode, y)
    y.sum().backward()
    print(x.grad, conv.weight.grad)
conv2 = nn.Conv2d(2, 3, 3, padding="same", padding_mode="circular")
print(conv2, conv2._reversed_padding_repeated_twice)
print(conv2(torch.ones(1, 2, 4, 4)).shape)
ident = nn.Conv2d(3, 3, 3, padding=1, bias=False)
nn.init.dirac_(ident.weight)
print(ident.weight[1])
img = torch.arange(48.0).reshape(1, 3, 4, 4)
print(torch.equal(ident(img), img))
w = torch.empty(4, 2, 3)
print(nn.init.dirac_(w, groups=2))
print(nn.init.eye_(torch.empty(2, 4)))
try:
    nn.init.dirac_(torch.empty(3, 3))
except ValueError as e:
    print("ValueError:", e)
