import torch
import torch.nn as nn

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]]))
    lin.bias.copy_(torch.tensor([0.5, -0.5]))

seen = []
for name, p in lin.named_parameters():
    p.register_hook(lambda g, name=name: seen.append((name, g.norm().item())))
    p.register_hook(lambda g: g.clamp(-0.5, 0.5))

x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]])
out = lin(x)
loss = (out ** 2).sum()
loss.backward(retain_graph=True)
print(seen)
print(lin.weight.grad)
print(lin.bias.grad)
loss.backward()
print("accumulated:", lin.weight.grad)
print(len(seen))

# hook that returns None just observes
t = torch.tensor([2.0, 3.0], requires_grad=True)
def obs(g):
    print("observed", g)
t.register_hook(obs)
(t ** 3).sum().backward()
print(t.grad)

# module hook to print every layer shape
net = nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 5), nn.ReLU(), nn.Linear(5, 1))
for m in net:
    m.register_forward_hook(lambda mod, i, o: print(f"{mod.__class__.__name__:>6} -> {list(o.shape)}"))
net(torch.ones(4, 3))
n_hooks = sum(len(m._forward_hooks) for m in net)
print("hooks:", n_hooks)

grads = {}
def save_grad(name):
    def hook(grad):
        grads[name] = grad
    return hook
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * a
b.register_hook(save_grad("b"))
c = b.sum() * 2
c.backward()
print(grads)
print(b.grad)
