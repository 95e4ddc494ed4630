import torch

w = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
try:
    w[0] = 10.0
except Exception as e:
    print(type(e).__name__, e)
y = w * 2
y[1] = 0.0
print(y, type(y.grad_fn).__name__)
y.sum().backward()
print(w.grad)
w.grad = None
z = w.clone()
z[[0, 2]] = torch.tensor([5.0, 6.0])
print(z, type(z.grad_fn).__name__)
(z ** 2).sum().backward()
print(w.grad)
w.grad = None
out = torch.zeros(4)
out[1:3] = w[:2] ** 2
print(out, type(out.grad_fn).__name__, out.requires_grad)
out.sum().backward()
print(w.grad)
w.grad = None
M = torch.zeros(3, 3)
v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
M[torch.arange(3), torch.arange(3)] = v
M[0, 1:] = v[1:] * 10
print(M)
(M @ M).trace().backward()
print(v.grad)
v.grad = None
q = v.clone()
q[q > 1.5] *= 2
print(q, type(q.grad_fn).__name__)
q.sum().backward()
print(v.grad)
v.grad = None
r = v * 1
r[...] = r.flip(0)
print(r)
r2 = v.clone()
r2[1] += v[0]
r2.sum().backward()
print(r2, v.grad)
B = torch.ones(2, 3, requires_grad=True)
C = B * 1.0
C[:, 1] = C[:, 0] * 3
C[1] = torch.tensor([7.0, 8.0, 9.0])
print(C)
C.sum().backward()
print(B.grad)
D = B + 0
D[torch.tensor([[True, False, True], [False, True, False]])] = 0.0
print(D, type(D.grad_fn).__name__)
try:
    s = torch.sigmoid(v)
    s[0] = 0
    print(s)
    s.sum().backward()
    print(v.grad)
except Exception as e:
    print(type(e).__name__, e)
try:
    e_ = torch.exp(v)
    e_[0] = 1.0
    e_.sum().backward()
except Exception as e:
    print(type(e).__name__, e)
G = v * 1
print(G.fill_(0.5), G.zero_())
H2 = v * 2
H2[...] = 1.0
print(H2)
H3 = v * 3
H3.copy_(torch.tensor([1.0, 2.0, 3.0]))
print(H3)
