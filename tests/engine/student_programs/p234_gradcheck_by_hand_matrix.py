import torch

# 手作業の勾配チェック: L(W) = sum((W x - y)^2) の各成分を中心差分で確認
W = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype=torch.float64, requires_grad=True)
x = torch.tensor([1.0, 2.0, -1.0], dtype=torch.float64)
y = torch.tensor([0.5, -2.0], dtype=torch.float64)

def loss_fn(W):
    return ((W @ x - y) ** 2).sum()

loss = loss_fn(W)
loss.backward()
print("loss", loss.item())
print(W.grad)

eps = 1e-5
num = torch.zeros_like(W)
with torch.no_grad():
    for i in range(W.shape[0]):
        for j in range(W.shape[1]):
            Wp = W.clone(); Wp[i, j] += eps
            Wm = W.clone(); Wm[i, j] -= eps
            num[i, j] = (loss_fn(Wp) - loss_fn(Wm)) / (2 * eps)
print(num)
rel = (W.grad - num).norm() / (W.grad.norm() + num.norm())
print("relative error < 1e-8:", rel.item() < 1e-8)
# 解析解 2 (Wx - y) x^T と比較
analytic = 2 * torch.outer(W.detach() @ x - y, x)
print(analytic)
print(torch.equal(analytic, W.grad), torch.allclose(analytic, W.grad))
