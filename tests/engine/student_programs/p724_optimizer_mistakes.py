import torch

torch.manual_seed(3)
model = torch.nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
before = model.weight.detach().clone()
opt.step()
print("step before backward changed:", not torch.equal(before, model.weight))
print(model.weight.grad)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y = torch.tensor([[1.0], [2.0]])
loss = ((model(x) - y) ** 2).mean()
loss.backward()
print(model.weight.grad)
opt.zero_grad()
print("after zero_grad default:", model.weight.grad)
loss = ((model(x) - y) ** 2).mean()
loss.backward()
opt.zero_grad(set_to_none=False)
print("after zero_grad False:", model.weight.grad, model.bias.grad)
w = model.weight.detach().clone()
opt.step()
print("step with zero grads changed:", not torch.equal(w, model.weight))
opt2 = torch.optim.SGD(model.parameters(), lr=0.1, weight_decay=0.5)
w = model.weight.detach().clone()
opt2.step()
print(model.weight - w)
model.zero_grad()
print(model.weight.grad, model.bias.grad)
opt3 = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for i in range(3):
    opt3.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    opt3.step()
    print(i, round(loss.item(), 6), model.weight.data)
for i in range(2):
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    print("accumulating", model.weight.grad)
try:
    torch.optim.SGD([], lr=0.1)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.optim.SGD(model.parameters())
    print("no lr ok")
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.optim.SGD(model.parameters(), lr=-1)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.optim.Adam(model.parameters(), lr=0.1, betas=(1.0, 0.9))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.optim.SGD([torch.ones(2)], lr=0.1)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.optim.SGD(model, lr=0.1)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.0, nesterov=True)
except Exception as e:
    print(type(e).__name__, e)
