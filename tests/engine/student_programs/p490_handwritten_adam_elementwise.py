# Week 6 exercise: write Adam by hand (addcmul_/addcdiv_) and check it against torch.optim.Adam,
# then a few of the less common elementwise functions with their gradients.
import math

import torch

x = torch.linspace(-2, 2, 21).unsqueeze(1)
y = torch.sin(1.5 * x) + 0.1 * torch.cos(7 * x)

def make_params():
    w1 = torch.linspace(-1.0, 1.2, 8).reshape(1, 8).requires_grad_()
    b1 = torch.linspace(0.3, -0.3, 8).requires_grad_()
    w2 = (0.4 * torch.cos(torch.arange(8.0))).reshape(8, 1).requires_grad_()
    return [w1, b1, w2]

def forward(params, inp):
    w1, b1, w2 = params
    return torch.tanh(inp @ w1 + b1) @ w2

lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
mine = make_params()
state = [(torch.zeros_like(p), torch.zeros_like(p)) for p in mine]
ref = make_params()
opt = torch.optim.Adam(ref, lr=lr, betas=(beta1, beta2), eps=eps)
for step in range(1, 41):
    loss = ((forward(mine, x) - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        for p, (m, v) in zip(mine, state):
            m.mul_(beta1).add_(p.grad, alpha=1 - beta1)
            v.mul_(beta2).addcmul_(p.grad, p.grad, value=1 - beta2)
            denom = (v / (1 - beta2 ** step)).sqrt().add_(eps)
            p.addcdiv_(m, denom, value=-lr / (1 - beta1 ** step))
            p.grad = None
    opt.zero_grad()
    ref_loss = ((forward(ref, x) - y) ** 2).mean()
    ref_loss.backward()
    opt.step()
    if step % 10 == 0:
        print(f"step {step}: mine {loss.item():.6f}  torch.optim {ref_loss.item():.6f}")
print("mine matches torch.optim:", max((a - b).abs().max().item() for a, b in zip(mine, ref)) < 1e-5)

# addcmul / addcdiv as plain functions
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
c = torch.tensor([4.0, 0.25, -2.0], requires_grad=True)
out = torch.addcmul(a, b, c, value=0.5) + torch.addcdiv(a, b, c, value=2)
print(out)
out.sum().backward()
print("grads:", a.grad, b.grad, c.grad)

# numerically stable helpers
t = torch.tensor([-30.0, -1.0, 0.0, 2.0, 40.0], requires_grad=True)
s = torch.logaddexp(t, torch.zeros(5))
print("softplus via logaddexp:", s)
s.sum().backward()
print("d/dt =", t.grad)
print("logaddexp2:", torch.logaddexp2(torch.tensor([1.0, 3.0]), torch.tensor([1.0, -2.0])))
print("hypot:", torch.hypot(torch.tensor([3.0, 5.0]), torch.tensor([4.0, 12.0])))

p = torch.tensor([0.0, 0.25, 0.25, 0.5], requires_grad=True)
entropy = -torch.xlogy(p, p).sum()
print("entropy:", entropy, "bits:", entropy / math.log(2))
entropy.backward()
print("d entropy / dp:", p.grad)

z = torch.linspace(-1.5, 1.5, 7, dtype=torch.float64, requires_grad=True)
for name in ("asinh", "atanh", "erfc", "sinc", "exp2"):
    out = getattr(torch, name)(z * 0.6)
    (g,) = torch.autograd.grad(out.sum(), z)
    print(f"{name:6s}", out.detach().numpy().round(5).tolist(), type(out.grad_fn).__name__)
    print("       grad", g.numpy().round(5).tolist())
print("acosh:", torch.acosh(torch.tensor([1.0, 2.0, 10.0])), torch.tensor([0.5]).arccosh())
print("degrees:", torch.rad2deg(torch.tensor([math.pi, math.pi / 6])),
      torch.deg2rad(torch.tensor([90, 45])))
print("copysign:", torch.copysign(torch.tensor([1.0, -2.0, 3.0]), torch.tensor([-0.0, 1.0, -1.0])))
print("heaviside:", torch.heaviside(torch.tensor([-1.0, 0.0, 2.0]), torch.tensor([0.5])))
q = torch.tensor([1.0, float("nan"), 3.0], requires_grad=True)
r = torch.tensor([2.0, 0.5, float("nan")])
print("fmax:", torch.fmax(q, r), "fmin:", torch.fmin(q, r), "maximum:", torch.maximum(q, r))
print("float_power:", torch.float_power(torch.tensor([2, 3]), 0.5))
try:
    torch.tensor([2.0]).float_power_(2)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.addcdiv(torch.tensor([1]), torch.tensor([3]), torch.tensor([2]))
except RuntimeError as e:
    print("RuntimeError:", str(e)[:60])
