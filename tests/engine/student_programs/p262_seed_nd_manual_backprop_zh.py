import torch

# 手动推导 c = sum(x * y + z) 的梯度, 和 autograd 对比 (不用随机数)
N, D = 3, 4
x = torch.arange(N * D, dtype=torch.float32).reshape(N, D).requires_grad_()
y = torch.linspace(-1, 1, N * D).reshape(N, D)
z = torch.full((N, D), 0.5, requires_grad=True)

a = x * y
b = a + z
c = torch.sum(b)
c.backward()

grad_c = 1.0
grad_b = grad_c * torch.ones(N, D)
grad_a = grad_b.clone()
grad_z = grad_b.clone()
grad_x = grad_a * y
print("c =", c.item())
print(x.grad)
print(grad_x)
print(torch.allclose(x.grad, grad_x), torch.equal(z.grad, grad_z))
print(a.grad_fn.name(), b.grad_fn.name(), c.grad_fn.name())
print(x.grad.shape == x.shape)

# 查看各种操作的 grad_fn
m = torch.arange(9.0).reshape(3, 3).requires_grad_()
parts = {
    "tril": m.tril(), "triu": torch.triu(m, 1), "diag": torch.diag(m), "diag_embed": torch.diag(m[0]),
    "split": m.split(2)[1], "split_sizes": m.split([1, 2], dim=1)[0], "chunk": m.chunk(3)[0],
    "unbind": m.unbind(1)[2], "select": m.select(1, 0),
}
for name, t in parts.items():
    print(f"{name:12s} {tuple(t.shape)} {t.grad_fn.name()}")
total = sum(t.sum() for t in parts.values())
total.backward()
print(m.grad)
