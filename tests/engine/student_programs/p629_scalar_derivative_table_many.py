import math
import torch

funcs = {
    "sin": (torch.sin, math.cos),
    "cos": (torch.cos, lambda v: -math.sin(v)),
    "tan": (torch.tan, lambda v: 1 / math.cos(v) ** 2),
    "exp": (torch.exp, math.exp),
    "log": (torch.log, lambda v: 1 / v),
    "sqrt": (torch.sqrt, lambda v: 0.5 / math.sqrt(v)),
    "sigmoid": (torch.sigmoid, lambda v: (1 / (1 + math.exp(-v))) * (1 - 1 / (1 + math.exp(-v)))),
    "tanh": (torch.tanh, lambda v: 1 - math.tanh(v) ** 2),
    "asin": (torch.asin, lambda v: 1 / math.sqrt(1 - v * v)),
    "atan": (torch.atan, lambda v: 1 / (1 + v * v)),
    "log1p": (torch.log1p, lambda v: 1 / (1 + v)),
    "erf": (torch.erf, lambda v: 2 / math.sqrt(math.pi) * math.exp(-v * v)),
    "softplus": (torch.nn.functional.softplus, lambda v: 1 / (1 + math.exp(-v))),
    "rsqrt": (torch.rsqrt, lambda v: -0.5 * v ** -1.5),
    "reciprocal": (torch.reciprocal, lambda v: -1 / v ** 2),
    "sinh": (torch.sinh, math.cosh),
    "expm1": (torch.expm1, math.exp),
    "log2": (torch.log2, lambda v: 1 / (v * math.log(2))),
    "log10": (torch.log10, lambda v: 1 / (v * math.log(10))),
}
for v in [0.5, 0.25]:
    for name, (fn, dfn) in funcs.items():
        x = torch.tensor(v, dtype=torch.float64, requires_grad=True)
        y = fn(x)
        y.backward()
        print(f"{name:>10s}({v}) = {y.item(): .12f}  d/dx = {x.grad.item(): .12f}  ok={abs(x.grad.item() - dfn(v)) < 1e-12}")
x = torch.tensor([0.5, 0.25], requires_grad=True)
for name, (fn, _) in funcs.items():
    x.grad = None
    y = fn(x)
    y.sum().backward()
    print(name, y.grad_fn.name(), y.detach(), x.grad)
