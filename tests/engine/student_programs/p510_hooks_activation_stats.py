import torch
import torch.nn as nn
torch.manual_seed(4)
model = nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 2))
acts = {}
def save(name):
    def hook(mod, inp, out):
        acts[name] = out.detach()
        print(f"[fwd] {name}: in {tuple(inp[0].shape)} out {tuple(out.shape)} mean {out.mean():.4f}")
    return hook
handles = [m.register_forward_hook(save(n)) for n, m in model.named_children()]
def pre(mod, inp):
    print("pre-hook sees", inp[0].shape)
    return (inp[0] * 2,)
ph = model[0].register_forward_pre_hook(pre)
def bhook(mod, gin, gout):
    print("bwd", type(mod).__name__, [None if g is None else tuple(g.shape) for g in gin], gout[0].shape)
bh = model[2].register_full_backward_hook(bhook)
x = torch.randn(4, 3)
out = model(x)
out.sum().backward()
print({k: v.shape for k, v in acts.items()})
print("relu zero fraction:", (acts["1"] == 0).float().mean().item())
for h in handles: h.remove()
ph.remove(); bh.remove()
out2 = model(x)
print("after removal", torch.allclose(out2, out), out2[0])
t = torch.randn(3, requires_grad=True)
t.register_hook(lambda g: print("grad arriving:", g) or g * 10)
(t ** 2).sum().backward()
print(t.grad)
