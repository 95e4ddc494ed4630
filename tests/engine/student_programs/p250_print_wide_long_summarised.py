import torch

print(torch.arange(2000))
print(torch.arange(1000.0).reshape(10, 100))
print(torch.linspace(0, 1, 1500, dtype=torch.float64))
print(torch.arange(40.0).reshape(2, 20) / 7)
print(torch.arange(30).reshape(2, 15) * 1000)
print(torch.arange(3000).reshape(3, 10, 100))
print(torch.ones(1001, dtype=torch.bool))
x = torch.arange(1200.0, requires_grad=True)
print(x * 2)
print(torch.arange(24).reshape(4, 6).T)
print(torch.linspace(-1, 1, 13))
