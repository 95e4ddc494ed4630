import torch

x = torch.tensor(1.0, requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y, y.requires_grad)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled())
    with torch.enable_grad():
        z = x * 3
    print(z.requires_grad)

@torch.no_grad()
def predict(v):
    return v * 10

print(predict(x))
torch.set_grad_enabled(False)
w = x + 1
print(w.requires_grad)
torch.set_grad_enabled(True)
w = x + 1
print(w)
with torch.inference_mode():
    q = x * 5
print(q)
