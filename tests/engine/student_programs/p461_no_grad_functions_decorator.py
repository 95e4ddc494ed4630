import torch

w = torch.tensor([1.0, -2.0], requires_grad=True)

def predict(x):
    with torch.no_grad():
        return x @ w

@torch.no_grad()
def evaluate(x):
    out = x @ w
    print("inside evaluate, grad enabled?", torch.is_grad_enabled())
    return out

@torch.no_grad
def evaluate2(x):
    return (x @ w).sum()

def train_step(x):
    out = x @ w
    return out.sum()

X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
p = predict(X)
print(p, p.requires_grad)
e = evaluate(X)
print(e, e.requires_grad)
print(evaluate2(X).requires_grad)
l = train_step(X)
print(l, l.requires_grad)
print("outside:", torch.is_grad_enabled())

with torch.no_grad():
    a = w * 2
    with torch.enable_grad():
        b = w * 2
    print(a.requires_grad, b.requires_grad)

with torch.set_grad_enabled(False):
    c = w + 1
print(c.requires_grad)
torch.set_grad_enabled(False)
d = w + 1
torch.set_grad_enabled(True)
print(d.requires_grad, (w + 1).requires_grad)

with torch.inference_mode():
    f = w * 3
print(f.requires_grad)

class Model:
    def __init__(self):
        self.w = torch.tensor([0.5, 0.5], requires_grad=True)

    @torch.no_grad()
    def update(self, lr):
        self.w -= lr * self.w.grad
        self.w.grad.zero_()

    def loss(self, x, y):
        return ((x @ self.w - y) ** 2).mean()

m = Model()
y = torch.tensor([1.0, 2.0])
for i in range(4):
    L = m.loss(X, y)
    L.backward()
    m.update(0.05)
    print(f"step {i}: loss={L.item():.6f} w={m.w}")
print(m.w.is_leaf, m.w.requires_grad)

def bad_update(w, lr):
    w -= lr * w.grad

w2 = torch.tensor([1.0], requires_grad=True)
(w2 * 2).sum().backward()
bad_update(w2, 0.1)
