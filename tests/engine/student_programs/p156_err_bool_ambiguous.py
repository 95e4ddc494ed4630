import torch

x = torch.tensor([1.0, -2.0, 3.0])
try:
    if x > 0:
        print("pos")
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    print(bool(torch.tensor([])))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    print(x > 0 and x < 5)
except RuntimeError as e:
    print(type(e).__name__, e)
print(bool(torch.tensor([0.0])), bool(torch.tensor(2)))
if torch.tensor(1.0) > 0:
    print("scalar ok")
try:
    while x:
        break
except RuntimeError as e:
    print(type(e).__name__, e)
print(not torch.tensor(0))
