import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
ops = {
    "add": x + 1, "sub": 1 - x, "mul": x * x, "div": x / 2, "rdiv": 2 / x, "pow": x ** 2, "rpow": 2 ** x,
    "neg": -x, "exp": x.exp(), "log": x.log(), "sum": x.sum(), "mean": x.mean(), "sigmoid": x.sigmoid(),
    "relu": x.relu(), "tanh": x.tanh(), "abs": x.abs(), "sqrt": x.sqrt(), "view": x.view(2, 1),
    "reshape": x.reshape(1, 2), "t": x.unsqueeze(0).t(), "index": x[0], "slice": x[1:], "cat": torch.cat([x, x]),
    "stack": torch.stack([x, x]), "max": x.max(), "clamp": x.clamp(0, 1), "matmul": x @ x, "expand": x.expand(3, 2),
    "norm": x.norm(), "prod": x.prod(), "cumsum": x.cumsum(0), "where": torch.where(x > 1, x, 0.0),
    "float": x.double(), "clone": x.clone(), "squeeze": x.unsqueeze(1).squeeze(), "softmax": x.softmax(0),
}
for k, v in ops.items():
    print(f"{k:8s} {type(v.grad_fn).__name__:24s} {v.grad_fn.name()}")
y = (x * 2).sum()
print([(type(f).__name__, i) for f, i in y.grad_fn.next_functions])
print([(type(f).__name__ if f is not None else None, i) for f, i in y.grad_fn.next_functions[0][0].next_functions])
print(x.to(torch.float32).grad_fn, x.float() is x)
print(x.detach().grad_fn, x.data.requires_grad)
