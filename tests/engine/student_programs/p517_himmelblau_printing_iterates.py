import torch
def himmelblau(x, y):
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2
torch.manual_seed(21)
starts = torch.rand(3, 2) * 8 - 4
print("starting points\n", starts)
for s in starts:
    p = s.clone().requires_grad_(True)
    lr = 0.01
    for k in range(100):
        f = himmelblau(p[0], p[1])
        f.backward()
        with torch.no_grad():
            p -= lr * p.grad
        p.grad.zero_()
        if k % 25 == 0:
            print(f"  k={k:3d} f={f.item():10.5f} x={p[0].item():8.4f} y={p[1].item():8.4f}")
    print("ended at", p.data)
p = torch.tensor([0.0, 0.0], requires_grad=True)
opt = torch.optim.Adam([p], lr=0.1)
for k in range(200):
    opt.zero_grad()
    f = himmelblau(*p)
    f.backward()
    opt.step()
print("adam:", p.detach(), f"{f.item():.3e}")
