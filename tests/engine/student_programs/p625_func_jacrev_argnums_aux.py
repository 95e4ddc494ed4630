import torch
from torch.func import jacrev, jacfwd, grad, vmap, hessian

def model(w, b, x):
    return torch.tanh(x @ w + b)

w = torch.tensor([[0.5, -0.3], [0.2, 0.8]])
b = torch.tensor([0.1, -0.1])
x = torch.tensor([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.3]])
Jw, Jb = jacrev(model, argnums=(0, 1))(w, b, x)
print(Jw.shape, Jb.shape)
print(Jb)
print(Jw[0])
def loss_aux(w, b):
    out = model(w, b, x)
    l = (out ** 2).mean()
    return l, {"out": out, "l": l}
g, aux = grad(loss_aux, has_aux=True)(w, b)
print(g)
print(aux["l"], aux["out"].shape)
gs = grad(lambda w, b: loss_aux(w, b)[0], argnums=(0, 1))(w, b)
print(type(gs).__name__, len(gs), gs[1])
def sq(v):
    return (v ** 2).sum()
print(vmap(hessian(sq))(torch.ones(2, 3)).shape)
print(jacfwd(torch.sin)(torch.tensor([0.0, 1.0])))
print(jacrev(lambda t: t.exp())(torch.tensor(1.0)))
def f2(x):
    return x.sum(), x.mean()
print(jacrev(f2)(torch.arange(3.0)))
per_ex = vmap(jacrev(lambda xi: model(w, b, xi)))(x)
print(per_ex.shape)
print(per_ex[1])
try:
    grad(lambda t: t * 2)(torch.tensor([1.0, 2.0]))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    vmap(lambda t: t.sum())(torch.tensor(1.0))
except Exception as e:
    print(type(e).__name__, e)
try:
    grad(lambda t: t.item() * 2)(torch.tensor(1.0))
except Exception as e:
    print(type(e).__name__, str(e)[:120])
from torch.func import functional_call
lin = torch.nn.Linear(2, 1)
params = {"weight": torch.tensor([[1.0, -1.0]]), "bias": torch.tensor([0.5])}
print(functional_call(lin, params, (torch.tensor([[2.0, 3.0]]),)))
print(grad(lambda p: functional_call(lin, p, (torch.tensor([[2.0, 3.0]]),)).sum())(params))
