import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
z = y ** 2

def show(name):
    def h(g):
        print(f"grad wrt {name}: {g}")
    return h

y.register_hook(show("y"))
x.register_hook(show("x"))
z.register_hook(lambda g: print("z grad", g))
out = z.sum()
out.backward()
print("x.grad", x.grad)

# hook that changes gradient
w = torch.tensor([0.5, -0.5], requires_grad=True)
handle = w.register_hook(lambda g: g * 0)
(w * 3).sum().backward()
print("w.grad after zeroing hook:", w.grad)
handle.remove()
(w * 3).sum().backward()
print("w.grad after removal:", w.grad)

# gradient clipping hook
p = torch.tensor([10.0, -20.0, 0.1], requires_grad=True)
p.register_hook(lambda g: g.clamp(-1, 1))
(p ** 2).sum().backward()
print("clipped:", p.grad)

# hook on intermediate + retain_grad
a = torch.tensor(2.0, requires_grad=True)
b = a.exp()
b.retain_grad()
b.register_hook(lambda g: g + 100)
c = b * 3
c.backward()
print("b.grad", b.grad, "a.grad", a.grad)

q = torch.tensor([1.0])
q.register_hook(lambda g: g)
