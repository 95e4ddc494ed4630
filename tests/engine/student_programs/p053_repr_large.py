import torch

print(torch.arange(2000))
print(torch.arange(1200.0).reshape(30, 40))
print(torch.ones(20, 10) / 3)
print(torch.arange(25.0) * 1000)
x = torch.arange(100.0).reshape(10, 10)
print(x)
print(torch.linspace(0, 1, 30))
