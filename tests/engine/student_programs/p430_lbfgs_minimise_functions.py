# Exercise: minimise functions with torch.optim.LBFGS (closure-based), compare line searches.
import torch


def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


def booth(p):
    return (p[0] + 2 * p[1] - 7) ** 2 + (2 * p[0] + p[1] - 5) ** 2


for name, f, start in [("rosenbrock", rosenbrock, [-1.5, 2.0]), ("booth", booth, [0.0, 0.0])]:
    for line_search in [None, "strong_wolfe"]:
        x = torch.tensor(start, requires_grad=True)
        opt = torch.optim.LBFGS([x], lr=1, max_iter=50, line_search_fn=line_search)

        def closure():
            opt.zero_grad()
            loss = f(x)
            loss.backward()
            return loss

        for outer in range(5):
            loss = opt.step(closure)
        xs = x.detach()
        print(f"{name:10s} {str(line_search):12s} x* = ({xs[0].item():.4f}, {xs[1].item():.4f})"
              f"  f = {f(xs).item():.4f}  evals = {opt.state[x]['func_evals']}")

print(opt)

# a least-squares fit: y = a * exp(b * t), parameters in a model
t = torch.linspace(0, 1, 8)
y = 2.0 * torch.exp(-1.5 * t)
params = torch.tensor([1.0, 0.0], requires_grad=True)
opt = torch.optim.LBFGS([params], history_size=10, max_iter=100, line_search_fn="strong_wolfe")


def fit_closure():
    opt.zero_grad()
    loss = ((params[0] * torch.exp(params[1] * t) - y) ** 2).mean()
    loss.backward()
    return loss


first = opt.step(fit_closure)
print("first loss:", round(first.item(), 4))
print("a = %.4f, b = %.4f" % (params[0].item(), params[1].item()))
print("iterations:", opt.state[params]["n_iter"])

try:
    torch.optim.LBFGS([params], lr=-1)
except ValueError as e:
    print("ValueError:", e)
