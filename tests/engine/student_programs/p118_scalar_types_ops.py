import torch
import math

x = torch.tensor(2.0, requires_grad=True)
y = x * math.pi + 1
print(y)
z = torch.exp(x) + math.e
print(z)
print(x * 2 ** 0.5)
print(torch.tensor(3) * 2.5)
print(torch.tensor(3) / 2)
print(torch.tensor(3.0) ** 2, 2 ** torch.tensor(3.0))
print(torch.tensor([2.0, 4.0]) ** -1)
print(torch.tensor(10) ** 2)
print(1 - torch.tensor(0.25))
print(torch.sqrt(torch.tensor(2.0)).item())
print(math.sqrt(torch.tensor(16.0)))
print(float(torch.tensor([2.5])))
n = torch.tensor(3)
print(list(range(n)))
print([0, 1, 2, 3][torch.tensor(1)])
