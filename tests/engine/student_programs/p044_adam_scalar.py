import torch
import torch.optim as optim

w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
optimizer = optim.Adam([w, b], lr=0.1)
xs = torch.tensor([0.0, 1.0, 2.0, 3.0])
ys = torch.tensor([1.0, 3.0, 5.0, 7.0])
losses = []
for step in range(100):
    optimizer.zero_grad()
    loss = ((w * xs + b - ys) ** 2).mean()
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
print([round(l, 3) for l in losses[::20]])
print(f"w={w.item():.4f}, b={b.item():.4f}")
print(optimizer.param_groups[0]['lr'])
print(optimizer.state_dict()['param_groups'])
