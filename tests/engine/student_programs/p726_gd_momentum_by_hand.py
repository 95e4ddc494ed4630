import torch

torch.manual_seed(4)
X = torch.randn(20, 3)
true_w = torch.tensor([1.5, -2.0, 0.5])
y = (X * true_w).sum(dim=1) + 0.3
w = torch.zeros(3, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1
for step in range(30):
    pred = (X * w).sum(dim=1) + b
    loss = ((pred - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if step % 5 == 0:
        print(f"step {step:2d} loss {loss.item():.6f} w {w.tolist()}")
print(w, b)
v_w = torch.zeros(3)
w2 = torch.zeros(3, requires_grad=True)
beta = 0.9
for step in range(30):
    loss = (((X * w2).sum(1) - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        v_w = beta * v_w + w2.grad
        w2 -= 0.05 * v_w
        w2.grad = None
    if step % 10 == 9:
        print(step, loss.item(), w2)
w3 = torch.zeros(3, requires_grad=True)
for step in range(3):
    loss = (((X * w3).sum(1) - y) ** 2).mean()
    loss.backward()
    w3 = w3 - 0.1 * w3.grad
    print(step, w3.is_leaf, w3.grad_fn is not None, w3.grad)
    w3 = w3.detach().requires_grad_(True)
w4 = torch.zeros(3, requires_grad=True)
for step in range(3):
    loss = (((X * w4).sum(1) - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w4.data = w4.data - 0.1 * w4.grad
    print("forgot zero_grad", step, w4.grad)
