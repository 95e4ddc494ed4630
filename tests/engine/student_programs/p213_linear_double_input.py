import numpy as np
import torch
import torch.nn as nn

data = np.array([[1.0, 2.0], [3.0, 4.0]])
x = torch.from_numpy(data)
print(x.dtype)
layer = nn.Linear(2, 1)
print(layer.weight.dtype)
print(layer(x.float()).shape)
layer_d = nn.Linear(2, 1).double()
print(layer_d.weight.dtype, layer_d(x).dtype)
out = layer(x)
