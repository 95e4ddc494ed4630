import torch

x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
z = (x * y + torch.sin(x)) ** 2 / y
print(z.grad_fn.name(), z.is_leaf, z.requires_grad)

def walk(fn, depth=0):
    if fn is None:
        print("  " * depth + "None")
        return
    print("  " * depth + type(fn).__name__)
    for nxt, idx in fn.next_functions:
        walk(nxt, depth + 1)

walk(z.grad_fn)
acc = z.grad_fn.next_functions[0][0].next_functions[0][0]
print(type(acc).__name__)
print(len(z.grad_fn.next_functions), [i for _, i in z.grad_fn.next_functions])
leaf = x.grad_fn
print(leaf)
a = torch.ones(3, requires_grad=True)
b = a.sum() * 2
c = a.mean() + a.max() - a.exp().log().sum()
for t in (b, c, a.view(3, 1), a[0], a[1:], a.t() if a.dim() == 2 else a.unsqueeze(0), a.reshape(3), a.expand(2, 3), a.T if False else a.flip(0)):
    print(t.grad_fn.name())
u = torch.stack([a, a])
v = torch.cat([a, a])
print(u.grad_fn.name(), v.grad_fn.name(), (a @ a).grad_fn.name(), a.norm().grad_fn.name())
print(a.pow(2).grad_fn.name(), (a ** a).grad_fn.name(), (2 ** a).grad_fn.name(), a.sqrt().grad_fn.name(), (1 / a).grad_fn.name(), (a / 2).grad_fn.name())
print((-a).grad_fn.name(), (a - 1).grad_fn.name(), (1 - a).grad_fn.name(), abs(a).grad_fn.name(), a.clamp(0, 1).grad_fn.name(), a.clamp(min=0).grad_fn.name())
print(torch.relu(a).grad_fn.name(), torch.sigmoid(a).grad_fn.name(), torch.tanh(a).grad_fn.name(), a.softmax(0).grad_fn.name(), a.log_softmax(0).grad_fn.name())
print(a.sum(0).grad_fn.name(), a.mean(0).grad_fn.name(), a.var().grad_fn.name(), a.std().grad_fn.name(), a.prod().grad_fn.name(), a.cumsum(0).grad_fn.name())
print(torch.where(a > 0, a, 0.0).grad_fn.name(), a.max(0)[0].grad_fn.name(), a.min().grad_fn.name(), a.type(torch.float64).grad_fn.name(), a.double().grad_fn.name(), a.clone().grad_fn.name())
print(a.squeeze().grad_fn.name(), a.unsqueeze(1).squeeze(1).grad_fn.name(), a.view(-1).grad_fn.name(), a.contiguous().grad_fn is None, a.detach().grad_fn)
print([(type(f).__name__, i) for f, i in z.grad_fn.next_functions[0][0].next_functions])
print([(f.name(), i) for f, i in z.grad_fn.next_functions[0][0].next_functions[0][0].next_functions])
print(z.grad_fn.metadata if hasattr(z.grad_fn, "metadata") else None)
