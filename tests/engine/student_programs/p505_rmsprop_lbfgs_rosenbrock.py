import torch

def rosen(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2

for name in ["RMSprop", "Adagrad", "LBFGS"]:
    p = torch.tensor([-1.5, 2.0], requires_grad=True)
    if name == "RMSprop":
        opt = torch.optim.RMSprop([p], lr=0.01)
    elif name == "Adagrad":
        opt = torch.optim.Adagrad([p], lr=0.5)
    else:
        opt = torch.optim.LBFGS([p], lr=1, max_iter=20, line_search_fn="strong_wolfe")
    for it in range(5 if name == "LBFGS" else 200):
        def closure():
            opt.zero_grad()
            loss = rosen(p)
            loss.backward()
            return loss
        loss = opt.step(closure)
        if name == "LBFGS" or it % 50 == 0:
            print(f"{name} it {it}: f={loss.item():.6f} p={p.detach().numpy()}")
    print(name, "final", p)
