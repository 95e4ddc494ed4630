import torch

loss = torch.tensor(0.123456789, requires_grad=True) * 2
acc = torch.tensor(0.875)
n = torch.tensor(42)
print(f"loss: {loss:.4f} | acc: {acc:.1%} | n={n:4d}")
print(f"{loss}")
print(f"{loss!r}")
print("loss = {:.3e}".format(loss))
print("acc = %s" % acc)
print("acc = %.2f" % acc)
print("x =", torch.tensor([1.5, 2.25]))
print(str(torch.tensor([[1, 2], [3, 4]])))
print(f"{torch.tensor(3.0, dtype=torch.float64):>10.2f}|")
print(f"{torch.tensor(True)}")
vec = torch.tensor([0.5, 1.5])
print(f"weights: {vec:.3f}")
