import torch

a = torch.tensor(3.14159)
print(f"{a:.3f}")
print(f"{a:.1e}")
print(f"{a:10.2f}|")
print(f"{a}")
print("{:.2f}".format(torch.tensor(2.5, dtype=torch.float64)))
print(f"{torch.tensor(7):d}")
print(f"{torch.tensor(7):5}|")
b = torch.tensor(1.5, requires_grad=True)
print(f"{b:.4f}")
print(f"{b * 2:.2f}")
loss = (b - 3) ** 2
print(f"loss={loss:.6f}")
try:
    print(f"{torch.tensor([1.0, 2.0]):.2f}")
except Exception as e:
    print(type(e).__name__, e)
print(f"{torch.tensor([1.0, 2.0])}")
print(format(torch.tensor(0.123456), ".3"))
print(f"{torch.tensor(True)}")
