import torch

x = torch.tensor([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0], requires_grad=True)
s, idx = torch.sort(x, descending=True)
print(s, idx)
(s * torch.arange(7.0)).sum().backward()
print(x.grad)
x.grad = None
vals, ids = x.topk(3)
print(vals, ids)
vals.sum().backward()
print(x.grad)
x.grad = None
vals, ids = torch.topk(x, 2, largest=False)
print(vals, ids, vals.grad_fn.name())
(vals ** 2).sum().backward()
print(x.grad)
A = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
g = torch.gather(A, 1, torch.tensor([[0, 0], [2, 1]]))
print(g, g.grad_fn.name())
g.sum().backward()
print(A.grad)
A.grad = None
src = torch.zeros(2, 3).scatter(1, torch.tensor([[2], [0]]), A[:, :1])
print(src, src.grad_fn.name())
src.sum().backward()
print(A.grad)
A.grad = None
sa = torch.zeros(5).scatter_add(0, torch.tensor([0, 1, 0, 4, 4, 4]), A.flatten())
print(sa)
(sa * torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])).sum().backward()
print(A.grad)
A.grad = None
ia = torch.zeros(3).index_add(0, torch.tensor([0, 2, 0]), A[0])
print(ia, ia.grad_fn.name())
ia.pow(2).sum().backward()
print(A.grad)
A.grad = None
sel = A.index_select(1, torch.tensor([2, 2, 0]))
sel.sum().backward()
print(sel, A.grad)
A.grad = None
st, si = A.sort(dim=1, descending=True)
(st[:, 0] * 10).sum().backward()
print(st, si, A.grad)
k = torch.tensor([2.0, 2.0, 1.0], requires_grad=True)
v, i = k.sort()
print(v, i)
v[0].backward()
print(k.grad)
print(torch.argsort(torch.tensor([3, 1, 2])), torch.msort(torch.tensor([[3.0, 1.0], [0.0, 2.0]])))
kv = torch.kthvalue(torch.tensor([5.0, 1.0, 3.0], requires_grad=True), 2)
print(kv)
try:
    torch.gather(A, 1, torch.tensor([[0.0]]))
except Exception as e:
    print(type(e).__name__, e)
try:
    x.topk(10)
except Exception as e:
    print(type(e).__name__, e)
# NLL を gather で手書き
logits = torch.tensor([[1.0, 2.0, 3.0], [1.0, 0.0, -1.0]], requires_grad=True)
y = torch.tensor([2, 0])
logp = torch.log_softmax(logits, dim=1)
try:
    nll = -logp.gather(1, y).mean()
except RuntimeError as e:
    print(type(e).__name__, e)
nll = -logp.gather(1, y.unsqueeze(1)).mean()
nll.backward()
print(nll, logits.grad)
try:
    logp.gather(1, torch.tensor([[-1], [0]]))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    logp.gather(1, torch.tensor([[3], [0]]))
except RuntimeError as e:
    print(type(e).__name__, e)
nll2 = -logp[range(2), y].mean()
print(nll2)
