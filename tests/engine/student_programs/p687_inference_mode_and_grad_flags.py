# evaluation contexts: no_grad, inference_mode, eval(), set_grad_enabled; what they change
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 3), nn.Dropout(0.5), nn.Linear(3, 2))
x = torch.randn(4, 3)
out = net(x)
print(out.requires_grad, out.grad_fn.name())
with torch.no_grad():
    o = net(x)
print(o.requires_grad, o.grad_fn, torch.is_grad_enabled())
with torch.inference_mode():
    oi = net(x)
    print(torch.is_inference_mode_enabled(), oi.requires_grad)
print(oi.is_inference())
try:
    (oi * 2).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
is_train = False
with torch.set_grad_enabled(is_train):
    o2 = net(x)
print(o2.requires_grad)
torch.set_grad_enabled(True)
print(net.training, [m.training for m in net])
net.eval()
a = net(x); b = net(x)
print(torch.equal(a, b), a.requires_grad)
net.train(False)
print(net.training)
net.train()
print(net.training)
@torch.no_grad()
def evaluate(model, inp):
    return model(inp).argmax(1)
print(evaluate(net.eval(), x), torch.is_grad_enabled())
y = torch.tensor([0, 1, 1, 0])
correct = 0
with torch.no_grad():
    for i in range(0, 4, 2):
        pred = net(x[i:i+2]).argmax(dim=1)
        correct += (pred == y[i:i+2]).sum()
print(correct, type(correct).__name__, correct.item() / 4, f"{100. * correct / 4:.1f}%")
w = net[0].weight
with torch.no_grad():
    w.mul_(0.5)
print(w.requires_grad, w.grad_fn, w.is_leaf)
