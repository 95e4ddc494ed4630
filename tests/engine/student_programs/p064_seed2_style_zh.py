import torch
import numpy as np

N, D = 3, 3
x = torch.arange(9, dtype=torch.float32).reshape(N, D).requires_grad_(True)
y = torch.linspace(-1, 1, 9).reshape(N, D)
z = torch.ones(N, D) * 0.5

a = x * y  # element-wise multiplication
b = a + z
c = torch.sum(b)  # sum all elements

c.backward()  # 计算梯度

print(x.grad)  # 对比 grad_x
print(y * torch.ones((N, D)))  # 应该等于 grad_x
print(y.grad)  # y 没有 requires_grad，梯度不会计算
grad_x = np.ones((N, D)) * y.numpy()
print(np.allclose(grad_x, x.grad.numpy()))
