import torch

X = torch.linspace(0, 1, 10).unsqueeze(1)
Y = 3 * X + 0.5 + 0.1 * torch.sin(10 * X)
w = torch.zeros(1, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.5
for epoch in range(30):
    pred = X @ w + b
    loss = ((pred - Y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    if epoch % 5 == 0:
        print(f"epoch {epoch}: loss = {loss}, w = {w}, b = {b}")
        print(f"   loss={loss:.4f} w={w.item():.4f} b={b.item():.4f}")
        print("   loss", loss.data, "grad", w.grad)
print(f"{w=}")
print(f"{b.data=}")
print(f"final {loss.item()=:.6f}")
print("w:", w.detach().item(), "b:", b.item())
print(f"{torch.tensor([1.5, 2.5])}")
print(f"{torch.tensor(3.14159):.2f}")
print(f"{torch.tensor(7):d}" if False else f"{torch.tensor(7)}")
print("{:.3f}".format(torch.tensor(2.0 / 3)))
print("%.3f" % torch.tensor(2.0 / 3))
print("%s" % torch.tensor([1, 2]))
print(str(torch.tensor([0.25])) + "!")
print(f"{torch.tensor([0.1, 0.2]) * 3}")
print(f"{torch.tensor(1e-6):.2e}")
print(f"{torch.tensor(123.456):10.2f}|")
print(f"{torch.tensor(5.0):>8}|")
z = torch.linspace(-2, 2, 40)
for name, fn in [("tanh", torch.tanh), ("gelu", torch.nn.functional.gelu), ("silu", torch.nn.functional.silu), ("exp", torch.exp)]:
    print(f"{name}: sum={fn(z).sum()} first={fn(z)[0]}")
print(f"{torch.tensor([1.0, 2.0]):.2f}")
