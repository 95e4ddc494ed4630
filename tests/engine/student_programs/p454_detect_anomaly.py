import torch
import warnings
warnings.simplefilter("ignore")

print(torch.is_anomaly_enabled())
x = torch.tensor([0.0, 1.0, 4.0], requires_grad=True)
y = torch.sqrt(x)
y.sum().backward()
print("grad with 0 under sqrt:", x.grad)

with torch.autograd.detect_anomaly():
    print("inside:", torch.is_anomaly_enabled())
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = (a * 3).sum()
    b.backward()
    print(a.grad)
print("after:", torch.is_anomaly_enabled())

torch.autograd.set_detect_anomaly(True)
print(torch.is_anomaly_enabled())
torch.autograd.set_detect_anomaly(False)

x = torch.tensor([0.0, 1.0], requires_grad=True)
try:
    with torch.autograd.detect_anomaly():
        y = x / x
        y.sum().backward()
except RuntimeError as e:
    print("caught:", e)
print(x.grad)

x = torch.tensor([-1.0, 2.0], requires_grad=True)
with torch.autograd.detect_anomaly():
    z = torch.log(x)
    print(z)
    z.sum().backward()
    print("log grad", x.grad)
    w = torch.sqrt(torch.tensor([0.0], requires_grad=True))
    w.backward()
