import torch

X = torch.tensor([[1.0, 2.0], [2.0, 0.5], [3.0, -1.0], [4.0, 1.5], [5.0, 0.0]])
y = torch.tensor([5.0, 4.5, 3.0, 9.5, 8.0])

for kw in [dict(), dict(weight_decay=0.1), dict(amsgrad=True), dict(weight_decay=0.05, amsgrad=True)]:
    w = torch.zeros(2, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    opt = torch.optim.Adam([w, b], lr=0.1, **kw)
    for epoch in range(200):
        pred = X @ w + b
        loss = torch.mean((pred - y) ** 2)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(kw, f"loss={loss.item():.4f}", w.detach(), b.detach())
state = opt.state_dict()["state"]
print(sorted(state.keys()), sorted(state[0].keys()))
print(state[0]["step"])
print(state[1]["exp_avg"].shape, state[1]["max_exp_avg_sq"].dtype)
