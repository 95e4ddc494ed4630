import torch

a = torch.ones(2, 3)
b = torch.ones(3, 2)
try:
    a + b
except RuntimeError as e:
    print("add:", e)
try:
    torch.matmul(a, a)
except RuntimeError as e:
    print("matmul:", e)
try:
    a @ torch.ones(4)
except RuntimeError as e:
    print("mv:", e)
try:
    torch.mm(a, torch.ones(2, 2))
except RuntimeError as e:
    print("mm:", e)
try:
    a.view(4, 2)
except RuntimeError as e:
    print("view:", e)
try:
    torch.cat([a, b])
except RuntimeError as e:
    print("cat:", e)
print((a @ b).shape)
