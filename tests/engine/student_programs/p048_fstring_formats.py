import torch

x = torch.tensor(3.14159265)
print(f"{x:.4f}")
print(f"{x:.2e}")
print(f"{x.item():.3f}")
print(f"{x}")
print("{:.1f}".format(x))
y = torch.tensor(2, dtype=torch.int64)
print(f"{y}", f"{y:d}", f"{y:5d}")
z = torch.tensor([1.0, 2.0])
try:
    print(f"{z:.2f}")
except TypeError as e:
    print("TypeError:", e)
print(f"{z}")
print(f"{torch.tensor(0.1, requires_grad=True):.3f}")
print("%.3f" % torch.tensor(1.23456))
print(float(x), int(torch.tensor(7.9)))
print(round(torch.tensor(2.567).item(), 2))
