# print a small model's state_dict, parameters, and a Parameter itself
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
print(model.state_dict())
print(list(model.parameters()))
print(model[0].weight)
print(model[2].bias)
print(nn.Parameter(torch.ones(2)), nn.Parameter(torch.zeros(2), requires_grad=False))
p = nn.Parameter(torch.tensor([1.0, 2.0]))
print(repr(p * 2), type(p).__name__, type(p * 2).__name__, isinstance(p, torch.Tensor))
print(p.data, p.detach(), type(p.data).__name__)
for name, param in model.named_parameters(prefix="net"):
    print(name, param.shape, param.grad)
print([n for n, _ in model.named_parameters(recurse=False)])
print(model[0].weight.T)
print(model[0].weight.data.numpy().round(3))
print(model[0].weight.tolist())
model.add_module("out_act", nn.Sigmoid())
model.append(nn.Flatten(0))
print(model)
print(len(model), model[-1], model[-2])
print(model(torch.ones(4, 2)))
del model[3]
print(model, len(model))
class Holder(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(2, 2))
        self.register_buffer("mask", torch.tril(torch.ones(2, 2)))
        self.register_buffer("tmp", torch.zeros(1), persistent=False)
        self.plain = torch.ones(3)
h = Holder()
print(h)
print(h.state_dict())
print([n for n, _ in h.named_buffers()], [n for n, _ in h.named_parameters()])
print(h.plain, hasattr(h, "mask"))
