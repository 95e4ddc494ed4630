import torch

x = torch.tensor([3.0, -1.0], requires_grad=True)
for i in range(100):
    f = x[0] ** 2 + 10 * x[1] ** 2
    f.backward()
    x.data -= 0.05 * x.grad.data
    x.grad.data.zero_()
    if (i + 1) % 25 == 0:
        print(i + 1, x.data, f.item())
print(x)
