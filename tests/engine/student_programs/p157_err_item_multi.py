import torch

x = torch.tensor([1.0, 2.0])
for fn in [lambda: x.item(), lambda: float(x), lambda: int(x), lambda: torch.ones(2, 2).item(),
           lambda: torch.tensor([]).item(), lambda: "%.2f" % x]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)
print(torch.tensor([[5.0]]).item(), float(torch.tensor([2.5])), int(torch.tensor(3.9)))
print("%.2f" % torch.tensor(1.234))
print(round(torch.tensor(2.567).item(), 1))
print(torch.tensor([7]).item(), type(torch.tensor([7]).item()).__name__)
print(type(torch.tensor(True).item()).__name__)
