import torch
import numpy as np

def attempt(label, fn):
    try:
        r = fn()
        print(label, "->", r)
    except Exception as e:
        print(label, "->", type(e).__name__, e)

w = torch.tensor([1.0, 2.0], requires_grad=True)
attempt("w += 1", lambda: w.add_(1))
attempt("w[0] = 5", lambda: w.__setitem__(0, 5.0))
attempt("w.zero_()", lambda: w.zero_())
attempt("w.data += 1", lambda: w.data.add_(1))
print(w)
with torch.no_grad():
    w -= 0.5
print(w, w.requires_grad, w.is_leaf, w.grad_fn)
attempt("w.numpy()", lambda: w.numpy())
print(w.detach().numpy())
attempt("np.array(w)", lambda: np.array(w))
attempt("item multi", lambda: w.item())
attempt("float multi", lambda: float(w))
attempt("int multi", lambda: int(torch.tensor([1, 2])))
attempt("bool multi", lambda: bool(torch.tensor([1, 0])))
attempt("if tensor", lambda: "yes" if torch.tensor([1.0, 2.0]) > 0 else "no")
attempt("item empty", lambda: torch.tensor([]).item())
attempt("item 1elem", lambda: torch.tensor([[3.5]]).item())
s = torch.tensor(2.0, requires_grad=True)
attempt("s.item() grad", lambda: s.item())
attempt("s.numpy()", lambda: s.numpy())
attempt("s.tolist()", lambda: s.tolist())
y = w.sigmoid()
attempt("sigmoid_ on output then backward", lambda: (y.mul_(2), y.sum().backward()))
z = w.exp()
z += 1
attempt("exp += 1 backward", lambda: z.sum().backward())
z2 = w * 3
z2 += 1
z2.sum().backward()
print("mul += 1 grad", w.grad, z2.grad_fn.name())
v = w * 1
u = v ** 2
v.add_(1)
attempt("modified saved", lambda: u.sum().backward())
a = torch.ones(3, requires_grad=True)
b = a[0:2]
attempt("view of leaf inplace", lambda: b.mul_(2))
attempt("leaf in-place under no_grad inside", lambda: a.clamp_(0, 0.5))
