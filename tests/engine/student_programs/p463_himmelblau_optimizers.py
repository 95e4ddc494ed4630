import torch

def himmelblau(p):
    x, y = p[0], p[1]
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2

starts = [[0.0, 0.0], [-1.0, 1.0], [-3.0, -3.0], [3.0, -1.5]]
for s in starts:
    p = torch.tensor(s, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.01)
    for step in range(300):
        opt.zero_grad()
        loss = himmelblau(p)
        loss.backward()
        opt.step()
    print(f"SGD  start={s} -> {p.detach().numpy().round(4)} f={himmelblau(p).item():.6f}")

for s in starts:
    p = torch.tensor(s, requires_grad=True)
    opt = torch.optim.Adam([p], lr=0.1)
    for step in range(500):
        opt.zero_grad()
        loss = himmelblau(p)
        loss.backward()
        opt.step()
        if step in (0, 1, 2, 499):
            print("  adam step", step, p.data, round(loss.item(), 4))
    print(f"Adam start={s} -> x={p[0]:.4f}, y={p[1]:.4f}")

p = torch.tensor([1.0, 1.0], requires_grad=True)
opt = torch.optim.SGD([p], lr=0.01, momentum=0.9)
traj = []
for step in range(100):
    opt.zero_grad()
    l = himmelblau(p)
    l.backward()
    opt.step()
    traj.append(p.detach().clone())
T = torch.stack(traj)
print(T.shape)
print(T[::20])
print(T[-1], himmelblau(T[-1]))
print(opt)
