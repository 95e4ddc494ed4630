# gradjudge example: judge submit problems/examples/seed-000.py -p seed-000-shared-coefficients
# expected verdict: AC (the handout's program as written: a.grad is 4104 and b.grad 6156, not 8 and 12)
import torch

# Define the scalar coefficients a and b
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)

# Define the input tensor x
x = torch.tensor([[1.0], [2.0]], requires_grad=True)

y = b * x ** 3
f_y = a * y ** 3
f_y.backward(torch.ones_like(f_y))

print("Gradient of f_y with respect to a:")
print(a.grad)
print("\nGradient of f_y with respect to b:")
print(b.grad)
