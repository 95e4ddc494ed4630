import torch
from torch.autograd.functional import hessian, jacobian

X = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0]])
y = torch.tensor([1.0, 0.0, 1.0, 0.0])

def loss_fn(w):
    logits = X @ w[:2] + w[2]
    p = torch.sigmoid(logits)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()

w = torch.tensor([0.1, -0.2, 0.05])
print("loss", loss_fn(w))
g = jacobian(loss_fn, w)
H = hessian(loss_fn, w)
print("grad", g)
print("Hessian\n", H)
ev = torch.linalg.eigvalsh(H)
print("eig", [f"{e:.3f}" for e in ev.tolist()])
print("PSD:", bool((ev > -1e-6).all()))

# Newton iterations for logistic regression (with damping)
for it in range(6):
    g = jacobian(loss_fn, w)
    H = hessian(loss_fn, w) + 1e-3 * torch.eye(3)
    w = w - torch.linalg.solve(H, g)
    print(f"it {it}: loss {loss_fn(w).item():.5f} w {[round(v, 3) for v in w.tolist()]}")

# Hessian-vector product by double backward
w = torch.tensor([0.1, -0.2, 0.05], requires_grad=True)
L = loss_fn(w)
gw, = torch.autograd.grad(L, w, create_graph=True)
v = torch.tensor([1.0, 0.0, 0.0])
Hv, = torch.autograd.grad(gw @ v, w)
print("Hv", Hv)
print("H[:,0]", hessian(loss_fn, w.detach())[:, 0])
print(gw.grad_fn is not None, Hv.grad_fn)
