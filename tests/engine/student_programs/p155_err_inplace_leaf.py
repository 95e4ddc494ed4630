import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
for fn in [lambda: w.add_(1), lambda: w.zero_(), lambda: w.mul_(2), lambda: w.__setitem__(0, 5.0),
           lambda: w.clamp_(0, 1), lambda: w.copy_(torch.zeros(2))]:
    try:
        fn()
    except RuntimeError as e:
        print(type(e).__name__, e)
try:
    w -= 0.1
except RuntimeError as e:
    print(type(e).__name__, e)
print(w)
with torch.no_grad():
    w -= 0.1
print(w)
w.data.add_(1)
print(w)
