import torch

a = torch.tensor([100, 120, -128], dtype=torch.int8)
print(a + 100)
print(a * 3, (a + 200).dtype)
u = torch.tensor([250, 5], dtype=torch.uint8)
print(u + 10, u - 10)
