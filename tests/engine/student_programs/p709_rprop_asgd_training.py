# full-batch Rprop and averaged SGD on a small least-squares problem
import torch

torch.manual_seed(1)
A = torch.randn(20, 3)
true_w = torch.tensor([1.5, -2.0, 0.5])
b = A @ true_w
for name, make in [("Rprop", lambda p: torch.optim.Rprop(p, lr=0.05)),
                   ("ASGD", lambda p: torch.optim.ASGD(p, lr=0.05, t0=10)),
                   ("Rprop-etas", lambda p: torch.optim.Rprop(p, etas=(0.4, 1.3), step_sizes=(1e-4, 1.0)))]:
    w = torch.zeros(3, requires_grad=True)
    opt = make([w])
    for step in range(40):
        opt.zero_grad()
        r = A @ w - b
        loss = (r * r).mean()
        loss.backward()
        opt.step()
        if step % 10 == 9:
            print(name, step + 1, f"{loss.item():.5f}", w.detach())
    print(opt)
    state = opt.state[w]
    print(list(state.keys()), state["step"])
asgd_state = opt.state_dict()["state"][0]
w = torch.zeros(3, requires_grad=True)
opt = torch.optim.ASGD([w], lr=0.05, t0=10)
for step in range(30):
    opt.zero_grad()
    ((A @ w - b) ** 2).mean().backward()
    opt.step()
print(opt.state[w]["eta"], opt.state[w]["mu"], opt.state[w]["ax"])
try:
    torch.optim.Rprop([w], etas=(1.1, 1.2))
except ValueError as e:
    print("ValueError:", e)
