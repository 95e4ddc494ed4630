import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.linspace(-2, 2, 5, requires_grad=True)
for name, fn in [("relu", F.relu), ("sigmoid", torch.sigmoid), ("tanh", torch.tanh),
                 ("leaky", lambda t: F.leaky_relu(t, 0.1)), ("elu", F.elu),
                 ("softplus", F.softplus), ("gelu", F.gelu)]:
    y = fn(x)
    g, = torch.autograd.grad(y.sum(), x)
    print(name, y.detach(), g)
print(nn.ReLU()(x))
print(nn.LeakyReLU(0.2))
print(nn.Sigmoid(), nn.Tanh(), nn.ELU())
