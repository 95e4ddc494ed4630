import torch

def attempt(label, fn):
    try:
        r = fn()
        print(label, "->", r)
    except Exception as e:
        print(label, "->", type(e).__name__, e)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x ** 2).sum()
y.backward()
print("grad after first", x.grad)
attempt("backward twice", lambda: y.backward())
z = (x.exp() * x).sum()
z.backward(retain_graph=True)
z.backward()
print("grad after retain", x.grad)
w = x * 2
attempt("backward non-scalar", lambda: w.backward())
attempt("backward wrong grad shape", lambda: w.backward(torch.ones(2)))
h = x.sin()
print("non-leaf grad", h.grad)
h2 = x.cos()
h2.retain_grad()
h2.sum().backward()
print("retained", h2.grad)
c = torch.tensor([1.0, 2.0])
attempt("backward no grad", lambda: (c * 2).sum().backward())
attempt("requires_grad on non-leaf False", lambda: setattr(x * 2, "requires_grad", False))
nl = x * 2
attempt("non-leaf set True", lambda: setattr(nl, "requires_grad", True))
print(nl.requires_grad, nl.is_leaf)
attempt("requires_grad_ False non-leaf", lambda: (x * 3).requires_grad_(False))
attempt("grad of int", lambda: torch.autograd.grad((x * 2).sum(), c))
attempt("autograd.grad twice", lambda: (lambda s: (torch.autograd.grad(s, x), torch.autograd.grad(s, x)))((x ** 3).sum()))
attempt("grad unused", lambda: torch.autograd.grad((x * 2).sum(), [x, torch.ones(1, requires_grad=True)]))
attempt("backward under no_grad", lambda: (lambda: [torch.set_grad_enabled(False), (x * 2).sum().backward()])())
torch.set_grad_enabled(True)
with torch.no_grad():
    q = x * 2
print(q.requires_grad, q.grad_fn)
d = x.detach()
attempt("detach backward", lambda: d.sum().backward())
print(x.grad.requires_grad, x.grad.grad_fn)
x.grad = None
print(x.grad)
attempt("grad wrong shape", lambda: setattr(x, "grad", torch.ones(2)))
attempt("grad wrong dtype", lambda: setattr(x, "grad", torch.ones(3, dtype=torch.float64)))
