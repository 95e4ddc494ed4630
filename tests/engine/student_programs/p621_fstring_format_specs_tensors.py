import torch

loss = torch.tensor(0.123456789, requires_grad=True) * 1
print(f"{loss:.4f} {loss.item():.4f} {loss:8.3f}| {loss:e} {loss:.2%}")
print(f"loss = {loss}")
print("loss = %.5f" % loss.item(), "loss = %.5f" % loss)
print("{:.3f}".format(torch.tensor(2.0)))
print(f"{torch.tensor(3):d}" if True else "", f"{torch.tensor(3):5d}|")
try:
    print(f"{torch.tensor([1.0, 2.0]):.2f}")
except Exception as e:
    print(type(e).__name__, e)
w = torch.tensor([0.5, -1.25], requires_grad=True)
print(f"w = {w}")
print(f"w = {w.data}, grad = {w.grad}")
print(f"{w.detach().numpy()}")
print(f"{w.tolist()}")
print(f"{[round(v, 3) for v in w.tolist()]}")
print(f"{w[0]:.3f}, {w[1]:+.2e}")
print(str(w), repr(w) == str(w))
print(f"{torch.tensor(1e-7):.3g}", f"{torch.tensor(123456.789):,.2f}", f"{torch.tensor(0.5):>10}")
print(f"{torch.tensor(True)}", f"{torch.tensor(7)}", f"{torch.tensor(7.0)}", f"{torch.tensor(7.0, dtype=torch.float64)}")
print(f"{float(torch.tensor(1/3)):.20f}")
print(f"{torch.tensor(1/3).item()!r}", f"{torch.tensor(1/3, dtype=torch.float64).item()!r}")
print("%s" % torch.tensor([1.0, 2.0]))
print("%d" % torch.tensor(5), "%.1f" % torch.tensor(5))
print(format(torch.tensor(0.25), ".1%"), format(torch.tensor(2.0)), format(torch.tensor([1.0])))
for epoch, val in enumerate(torch.tensor([1.0, 0.5, 0.25])):
    print(f"epoch {epoch}: {val:.3f} {val}")
print(round(torch.tensor(2.567).item(), 2), round(float(torch.tensor(2.567)), 1))
try:
    print(round(torch.tensor(2.567), 2))
except Exception as e:
    print(type(e).__name__, e)
print(f"{torch.tensor(2.0, requires_grad=True):.2f}")
print(int(torch.tensor(2.9)), int(torch.tensor(-2.9)), bool(torch.tensor(0.0)), float(torch.tensor([3])))
