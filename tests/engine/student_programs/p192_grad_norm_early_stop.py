import torch

def rosen(p):
    return (1 - p[0]) ** 2 + 5 * (p[1] - p[0] ** 2) ** 2

p = torch.tensor([-0.5, 0.5], requires_grad=True)
opt = torch.optim.SGD([p], lr=0.02, momentum=0.8)
tol = 1e-3
it = 0
while True:
    opt.zero_grad()
    loss = rosen(p)
    loss.backward()
    gnorm = p.grad.norm()
    if gnorm < tol or it >= 2000:
        break
    opt.step()
    it += 1
    if it % 100 == 0:
        print(f"it={it} loss={loss.item():.6f} grad_norm={gnorm.item():.6f}")
print("stopped at", it, "grad norm below tol:", bool(gnorm < tol))
print(p.detach(), round(loss.item(), 8))
print(torch.linalg.norm(p.grad), p.grad.abs().max())
