import torch

# f(x) = sin(u), u = v^2, v = 3x + 1
x = torch.tensor(0.2, requires_grad=True)
v = 3 * x + 1
u = v ** 2
f = torch.sin(u)
for t in (v, u, f):
    t.retain_grad()
f.backward()
print("autograd df/dx:", x.grad)
print("df/du =", u.grad, " cos(u) =", torch.cos(u))
print("df/dv =", v.grad, " cos(u)*2v =", torch.cos(u) * 2 * v)
manual = torch.cos(u) * 2 * v * 3
print("manual:", manual.item(), "match:", torch.isclose(manual, x.grad).item())

# multivariable chain: z = x*y, w = z^2 + exp(y)
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([0.5, -0.5], requires_grad=True)
z = a * b
w = (z ** 2 + torch.exp(b)).sum()
w.backward()
print("dw/da auto:", a.grad, "manual:", 2 * z.detach() * b.detach())
print("dw/db auto:", b.grad, "manual:", 2 * z.detach() * a.detach() + torch.exp(b.detach()))

# vector chain rule with Jacobians
x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
A = torch.tensor([[1.0, 2.0, 0.0], [0.0, -1.0, 1.0]])
h = A @ x
s = torch.tanh(h)
L = (s ** 2).sum()
L.backward()
dL_ds = 2 * s.detach()
ds_dh = torch.diag(1 - s.detach() ** 2)
dh_dx = A
manual = dL_ds @ ds_dh @ dh_dx
print("auto  :", x.grad)
print("manual:", manual)
print("diff small:", (x.grad - manual).abs().max().item() < 1e-6)

def compose(*fs):
    def g(t):
        for fn in fs:
            t = fn(t)
        return t
    return g

chain = compose(torch.exp, torch.log1p, torch.sqrt, lambda t: t * 2)
t = torch.tensor([0.1, 1.0, 3.0], requires_grad=True)
chain(t).sum().backward()
et = torch.exp(t.detach())
print(t.grad)
print(2 * (0.5 / torch.sqrt(torch.log1p(et))) * (1 / (1 + et)) * et)
print(x.grad.shape, x.grad.dtype, x.grad.requires_grad, x.grad.grad_fn)
print(v.is_leaf, type(v.grad_fn).__name__, u.grad_fn.name(), f.grad_fn.name())
print([type(n).__name__ for n, _ in f.grad_fn.next_functions])
print(u.grad_fn.next_functions[0][0] is v.grad_fn)

# walk the graph of f like in the lecture notes
def walk(fn, depth=0):
    if fn is None:
        return
    print("  " * depth + fn.name())
    for nxt, _ in fn.next_functions:
        walk(nxt, depth + 1)

x = torch.tensor(0.2, requires_grad=True)
f = torch.sin((3 * x + 1) ** 2)
walk(f.grad_fn)
leaf_node = f.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0].next_functions[0][0]
print(type(leaf_node).__name__, leaf_node.variable is x)
pw = f.grad_fn.next_functions[0][0]
print("saved by PowBackward0:", pw._saved_self, pw._saved_exponent)
