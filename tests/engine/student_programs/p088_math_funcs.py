import torch

x = torch.tensor([0.25, 1.0, 4.0], requires_grad=True)
funcs = {
    "sqrt": torch.sqrt, "log": torch.log, "exp": torch.exp, "sin": torch.sin,
    "cos": torch.cos, "tan": torch.tan, "abs": torch.abs, "rsqrt": torch.rsqrt,
    "log2": torch.log2, "log10": torch.log10, "reciprocal": torch.reciprocal,
    "square": torch.square, "log1p": torch.log1p, "expm1": torch.expm1,
}
for name, fn in funcs.items():
    y = fn(x)
    g, = torch.autograd.grad(y.sum(), x)
    print(f"{name:10s}", y.detach(), g)
print(torch.floor(torch.tensor([1.5, -1.5])), torch.ceil(torch.tensor([1.2])), torch.round(torch.tensor([2.5, 3.5])))
print(torch.pow(2, torch.tensor([1.0, 2.0, 3.0])))
print(torch.maximum(torch.tensor([1, 5]), torch.tensor([3, 2])))
print(torch.tensor(2.0) ** torch.tensor(0.5))
