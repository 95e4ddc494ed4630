import torch

# Integrate f(t) = t**2 on [0, 2] with the trapezoidal rule and differentiate the estimate.
t = torch.linspace(0, 2, 9)
a = torch.tensor(1.5, requires_grad=True)
y = a * t ** 2
area = torch.trapezoid(y, t)
print(area)
area.backward()
print(a.grad)
print(torch.trapz(t ** 2, dx=0.25))
print(torch.trapezoid(torch.tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 8.0]]), dim=1))
running = torch.cumulative_trapezoid(y, t)
print(running)
print(torch.cumulative_trapezoid(torch.tensor([1, 2, 3, 4]), dx=0.5))
w = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
s = torch.trapezoid(w.sin(), dx=0.5)
s.backward()
print(s, w.grad)
try:
    torch.trapezoid(y, torch.tensor([0.0, 1.0]))
except RuntimeError as e:
    print("RuntimeError:", e)
