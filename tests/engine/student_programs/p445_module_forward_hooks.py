import torch
import torch.nn as nn

net = nn.Sequential(
    nn.Linear(3, 4),
    nn.ReLU(),
    nn.Linear(4, 2),
)
with torch.no_grad():
    for i, m in enumerate(net.modules()):
        if isinstance(m, nn.Linear):
            nn.init.constant_(m.weight, 0.1 * (i + 1))
            nn.init.constant_(m.bias, -0.25)

activations = {}

def save_act(name):
    def hook(module, inp, out):
        activations[name] = out.detach()
        print(f"[fwd hook] {name}: {type(module).__name__} in={tuple(inp[0].shape)} out={tuple(out.shape)}")
    return hook

handles = []
for name, m in net.named_children():
    handles.append(m.register_forward_hook(save_act(name)))

def pre(module, inp):
    print("pre hook got", len(inp), "inputs; first row", inp[0][0])
    return (inp[0] * 2,)

h_pre = net[0].register_forward_pre_hook(pre)

x = torch.tensor([[1.0, -1.0, 0.5], [0.0, 2.0, -3.0]])
y = net(x)
print(y)
for k, v in activations.items():
    print(k, v)

h_pre.remove()
y2 = net(x)
print("without pre hook:", y2)

for h in handles:
    h.remove()
activations.clear()
net(x)
print("activations after remove:", activations)

def replace_out(module, inp, out):
    return out * 0

h = net[2].register_forward_hook(replace_out)
print(net(x))
h.remove()
print(net(x).sum().item())
