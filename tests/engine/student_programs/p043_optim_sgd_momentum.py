import torch

x = torch.tensor([1.5, -0.5], requires_grad=True)
opt = torch.optim.SGD([x], lr=0.01, momentum=0.9)
def rosen(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
for i in range(301):
    opt.zero_grad()
    loss = rosen(x)
    loss.backward()
    opt.step()
    if i % 100 == 0:
        print(i, f"{loss.item():.6f}", x.detach().numpy().round(4))
print(x)
print(opt)
