import torch
from torch.autograd.functional import vjp, jvp, hvp, vhp

def f(x):
    return torch.stack([x[0] * x[1], x[0] ** 2, torch.sin(x[1])])

x = torch.tensor([1.0, 2.0])
v_out = torch.tensor([1.0, 0.0, -1.0])
out, vj = vjp(f, x, v_out)
print("f(x) =", out)
print("vjp =", vj)

out2, jv = jvp(f, x, torch.tensor([1.0, 1.0]))
print("jvp =", jv)
print(torch.equal(out, out2))

def energy(x):
    return (x ** 4).sum() / 4 + x[0] * x[1]

val, hv = hvp(energy, x, torch.tensor([1.0, 0.0]))
print("energy", val, "hvp", hv)
val, vh = vhp(energy, x, torch.tensor([0.0, 1.0]))
print("vhp", vh)

def two(a, b):
    return (a * b).sum()

o, (ga, gb) = vjp(two, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 5.0])))
print(o, ga, gb)
o, t = jvp(two, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 5.0])),
           (torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0])))
print(o, t)

# vjp with a scalar output and no v
o, g = vjp(lambda t: (t ** 2).sum(), torch.tensor([1.0, -3.0]))
print(o, g)

xr = x.clone().requires_grad_(True)
J_rows, = torch.autograd.grad(f(xr), xr, grad_outputs=torch.eye(3), is_grads_batched=True)
print("jacobian via batched grad:\n", J_rows)

try:
    vjp(f, x)
except RuntimeError as e:
    print("RuntimeError:", e)
jvp(f, x, torch.tensor([1.0, 1.0, 1.0]))
