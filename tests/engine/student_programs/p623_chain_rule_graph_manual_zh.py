import torch
import numpy as np

torch.manual_seed(0)
N, D = 3, 4
x = torch.randn(N, D, requires_grad=True)
y = torch.randn(N, D, requires_grad=True)
z = torch.randn(N, D)
a = x * y
b = a + z
c = torch.sum(b)
c.backward()
print(x)
print(x.grad)
print(torch.equal(x.grad, y), torch.equal(y.grad, x))
grad_c = 1.0
grad_b = grad_c * np.ones((N, D))
grad_a = grad_b.copy()
grad_x = grad_a * y.detach().numpy()
print(np.allclose(grad_x, x.grad.numpy()), grad_x.dtype)
print(a.grad_fn.name(), b.grad_fn.name(), c.grad_fn.name())
print(a.is_leaf, z.is_leaf, z.requires_grad, z.grad)
# 手動で逆伝播: f = (x1 + x2) * sigmoid(x2)
x1 = torch.tensor(1.5, requires_grad=True)
x2 = torch.tensor(-0.5, requires_grad=True)
s = x1 + x2
sg = torch.sigmoid(x2)
f = s * sg
f.backward()
df_ds = sg.item()
df_dsg = s.item()
dsg_dx2 = sg.item() * (1 - sg.item())
print(f"x1.grad={x1.grad.item():.6f} manual={df_ds:.6f}")
print(f"x2.grad={x2.grad.item():.6f} manual={df_ds + df_dsg * dsg_dx2:.6f}")
print(f.item(), f)
print(torch.randn(2, 3), torch.rand(3), torch.randint(0, 10, (5,)), torch.randperm(5))
print(torch.normal(0.0, 1.0, size=(2,)), torch.randn(2, dtype=torch.float64))
