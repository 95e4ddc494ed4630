import torch

def F(x):
    return torch.stack([x[0] ** 2 * x[1], 5 * x[0] + torch.sin(x[1]), x[2] * x[0]])

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = F(x)
J = torch.zeros(3, 3)
for i in range(3):
    if x.grad is not None:
        x.grad.zero_()
    y[i].backward(retain_graph=True)
    J[i] = x.grad
print(J)
J2 = torch.autograd.functional.jacobian(F, x)
print(J2)
print(torch.allclose(J, J2))
# vector-Jacobian product with a gradient argument
x.grad = None
y.backward(torch.tensor([1.0, 0.0, -1.0]))
print(x.grad)
print(torch.tensor([1.0, 0.0, -1.0]) @ J)
