# orthogonal and sparse initialisation of recurrent weights
import torch
import torch.nn as nn

torch.manual_seed(0)
w = torch.empty(3, 5)
nn.init.orthogonal_(w)
print(w)
print(torch.allclose(w @ w.t(), torch.eye(3), atol=1e-6))
tall = nn.init.orthogonal_(torch.empty(5, 3), gain=nn.init.calculate_gain("tanh"))
print(tall)
print((tall.t() @ tall).diag())

rnn = nn.RNN(4, 6, num_layers=2)
for name, param in rnn.named_parameters():
    if name.startswith("weight_hh"):
        nn.init.orthogonal_(param)
    elif name.startswith("weight_ih"):
        nn.init.sparse_(param, sparsity=0.5, std=0.1)
    else:
        nn.init.zeros_(param)
print(rnn.weight_hh_l0)
print(rnn.weight_ih_l0)
print((rnn.weight_ih_l1 == 0).sum(dim=0))
x = torch.randn(7, 2, 4)
out, h = rnn(x)
print(out[-1], h.shape)
try:
    nn.init.orthogonal_(torch.empty(4))
except ValueError as e:
    print("ValueError:", e)
