import torch
import torch.nn as nn

torch.set_printoptions(precision=4)
model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.5, -0.5], [0.3, 0.8], [-0.6, 0.1]]))
    model[0].bias.copy_(torch.tensor([0.0, 0.1, -0.1]))
    model[2].weight.copy_(torch.tensor([[1.0, 0.5, -0.5]]))
    model[2].bias.fill_(0.0)

def count(m):
    trainable = sum(p.numel() for p in m.parameters() if p.requires_grad)
    frozen = sum(p.numel() for p in m.parameters() if not p.requires_grad)
    return trainable, frozen

print("before freeze:", count(model))
for p in model[0].parameters():
    p.requires_grad = False
print("after freeze:", count(model))
print(model[0].weight.requires_grad, model[2].weight.requires_grad)

X = torch.linspace(-1, 1, 8).reshape(4, 2)
Y = torch.sin(X.sum(dim=1, keepdim=True))
opt = torch.optim.SGD(filter(lambda p: p.requires_grad, model.parameters()), lr=0.5)
loss_fn = nn.MSELoss()
w0 = model[0].weight.clone()
for epoch in range(5):
    opt.zero_grad()
    loss = loss_fn(model(X), Y)
    loss.backward()
    opt.step()
    print(f"epoch {epoch} loss {loss.item():.5f}")
print("first layer unchanged:", torch.equal(w0, model[0].weight))
print("grad of frozen:", model[0].weight.grad)
print(model[2].weight)

# unfreeze with requires_grad_
model[0].requires_grad_(True)
print("after unfreeze:", count(model))
model.requires_grad_(False)
print("all frozen:", count(model))
out = model(X)
print(out.requires_grad, out.grad_fn)
h = model[0](X)
print(h.requires_grad)
x = X.clone().requires_grad_()
out = model(x)
print(type(out.grad_fn).__name__)
out.sum().backward()
print(x.grad)
model.requires_grad_()
t = torch.ones(3).requires_grad_(False)
print(t.requires_grad)
nonleaf = (torch.ones(2, requires_grad=True) * 2)
nonleaf.requires_grad_(False)
