import torch
from torch.autograd.functional import hessian, jacobian

# ヤコビアンは行ごとに、ヘッセ行列は関数を使って
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2 + x.prod()
print(y)
g = torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y), retain_graph=True)
print(g)
J = torch.stack([torch.autograd.grad(y[i], x, retain_graph=True)[0] for i in range(3)])
print(J)
print(torch.equal(J, jacobian(lambda t: t ** 2 + t.prod(), x.detach())))
print(hessian(lambda t: (t ** 2 + t.prod()).sum(), x.detach()))
# sum を忘れてベクトル値関数のヘッセ行列を求めようとする
H = hessian(lambda t: t ** 2 + t.prod(), x.detach())
