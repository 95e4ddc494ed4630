import torch

try:
    torch.tensor([1.0, 2.0]) + "a"
except TypeError as e:
    print("TypeError:", e)
try:
    torch.tensor([[1, 2], [3]])
except ValueError as e:
    print("ValueError:", e)
try:
    torch.ones(2, 3).backward()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.tensor(1.0).backward()
except RuntimeError as e:
    print("RuntimeError:", e)
x = torch.tensor(2.0, requires_grad=True)
try:
    torch.autograd.grad(x * 2, torch.tensor(1.0, requires_grad=True))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    bool(torch.tensor([1.0, 2.0]))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.tensor([1.0, 2.0]).item()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.zeros(2).long().requires_grad_(True)
except RuntimeError as e:
    print("RuntimeError:", e)
