# inspecting activations with forward hooks (dead ReLU count) and gradients with tensor hooks
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(5, 10), nn.ReLU(), nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 3))
activations = {}

def save_act(name):
    def hook(module, inp, out):
        activations[name] = out.detach()
    return hook

handles = [m.register_forward_hook(save_act(f"relu{i}")) for i, m in enumerate(model) if isinstance(m, nn.ReLU)]
x = torch.randn(16, 5)
out = model(x)
for name, a in activations.items():
    dead = (a == 0).all(dim=0).sum().item()
    print(f"{name}: shape {tuple(a.shape)} frac zero {(a == 0).float().mean():.3f} dead units {dead}")
grads = {}
h = out.register_hook(lambda g: grads.setdefault("out", g.clone()))
loss = out.logsumexp(1).mean()
loss.backward()
print(grads["out"].sum(1))
print(model[0].weight.grad.abs().mean(), model[4].weight.grad.abs().mean())
for hd in handles:
    hd.remove()
h.remove()
activations.clear()
model(x)
print("after remove:", activations)

def pre_hook(module, args):
    print("pre_hook input shape", args[0].shape)
    return (args[0] * 0,)

ph = model[0].register_forward_pre_hook(pre_hook)
print(model(x[:2]))
ph.remove()
layer_out_grads = []
bh = model[2].register_full_backward_hook(lambda m, gin, gout: layer_out_grads.append((gin[0].shape, gout[0].shape)))
model(x).sum().backward()
print(layer_out_grads)
bh.remove()
