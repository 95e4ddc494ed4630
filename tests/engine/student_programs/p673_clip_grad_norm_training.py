# gradient clipping in a training loop that would otherwise blow up (lr too high)
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(64, 5) * 3
W = torch.randn(5, 2)
Y = X @ W + 0.1 * torch.randn(64, 2)

def train(clip=None, value=None, steps=30, lr=0.05):
    torch.manual_seed(1)
    net = nn.Sequential(nn.Linear(5, 20), nn.ReLU(), nn.Linear(20, 2))
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    norms = []
    for step in range(steps):
        opt.zero_grad()
        loss = nn.functional.mse_loss(net(X), Y)
        loss.backward()
        if clip is not None:
            total = nn.utils.clip_grad_norm_(net.parameters(), max_norm=clip)
            norms.append(round(total.item(), 3))
        if value is not None:
            nn.utils.clip_grad_value_(net.parameters(), clip_value=value)
        opt.step()
        if step % 10 == 0:
            print(f"  step {step}: loss {loss.item():.4g}")
    return net, norms, loss.item()

print("no clipping:")
_, _, l0 = train()
print("clip norm 1.0:")
net, norms, l1 = train(clip=1.0)
print(norms[:6])
print("clip value 0.5:")
_, _, l2 = train(value=0.5)
print([f"{v:.4f}" for v in (l0, l1, l2)])
loss = nn.functional.mse_loss(net(X), Y)
loss.backward()
grads = [p.grad for p in net.parameters()]
total = torch.norm(torch.stack([torch.norm(g, 2) for g in grads]), 2)
ret = nn.utils.clip_grad_norm_(net.parameters(), 2.0, norm_type=2.0)
print(total, ret)
print(torch.norm(torch.stack([g.norm() for g in grads])))
ret_inf = nn.utils.clip_grad_norm_(net.parameters(), 0.1, norm_type="inf")
print(ret_inf, max(g.abs().max() for g in grads))
vec = nn.utils.parameters_to_vector(net.parameters())
print(vec.shape, vec[:4])
nn.utils.vector_to_parameters(torch.zeros_like(vec), net.parameters())
print(net[0].bias[:3], sum(p.abs().sum() for p in net.parameters()))
