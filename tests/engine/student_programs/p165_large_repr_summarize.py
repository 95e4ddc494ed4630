import torch

print(torch.arange(1001))
print(torch.arange(2000.0).reshape(40, 50))
print(torch.linspace(0, 1, 1500)[:3])
torch.set_printoptions(threshold=5)
print(torch.arange(10))
print(torch.arange(10.0).reshape(2, 5))
torch.set_printoptions(edgeitems=1)
print(torch.arange(10))
torch.set_printoptions(linewidth=30, threshold=1000, edgeitems=3)
print(torch.arange(20.0) / 3)
