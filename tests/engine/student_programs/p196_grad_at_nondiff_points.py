import torch

x = torch.tensor([0.0, 1.0, -1.0], requires_grad=True)
torch.abs(x).sum().backward()
print("abs:", x.grad)
x.grad = None
torch.relu(x).sum().backward()
print("relu:", x.grad)
x.grad = None
torch.clamp(x, -1.0, 1.0).sum().backward()
print("clamp:", x.grad)
x.grad = None
torch.sqrt(x.abs()).sum().backward()
print("sqrt:", x.grad)
v = torch.zeros(3, requires_grad=True)
v.norm().backward()
print("norm at 0:", v.grad)
w = torch.tensor([0.0, 2.0], requires_grad=True)
torch.max(w, torch.tensor([0.0, 1.0])).sum().backward()
print("max ties:", w.grad)
u = torch.tensor([1.0, 3.0, 3.0], requires_grad=True)
u.max().backward()
print("max dup:", u.grad)
u.grad = None
torch.amax(u, 0).backward()
print("amax dup:", u.grad)
