import torch

def loss_fn(p):
    return (p[0] - 1) ** 2 + 3 * (p[1] + 2) ** 2 + p[0] * p[1]

p_opt = torch.tensor([0.0, 0.0], requires_grad=True)
opt = torch.optim.SGD([p_opt], lr=0.05, momentum=0.9)
p_man = torch.tensor([0.0, 0.0], requires_grad=True)
velocity = torch.zeros(2)
for t in range(25):
    opt.zero_grad()
    loss_fn(p_opt).backward()
    opt.step()
    loss = loss_fn(p_man)
    loss.backward()
    with torch.no_grad():
        velocity = 0.9 * velocity + p_man.grad if t > 0 else p_man.grad.clone()
        p_man -= 0.05 * velocity
        p_man.grad.zero_()
    if t % 5 == 4:
        print(t, p_opt.detach(), p_man.detach(), torch.allclose(p_opt, p_man))
print(opt.state[p_opt]["momentum_buffer"])
print(velocity)
