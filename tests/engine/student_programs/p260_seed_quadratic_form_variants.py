import torch

# 演習3-3 の別解いろいろ: f(x) = x^T W x, W = [[1,2],[2,1]], x = (1,2)
W = torch.tensor([[1.0, 2.0], [2.0, 1.0]])

x1 = torch.tensor([1.0, 2.0], requires_grad=True)
y = x1 @ W @ x1
y.backward()
print(y, x1.grad, *x1.grad.numpy())

x2 = torch.tensor([[1.0], [2.0]], requires_grad=True)
y2 = x2.T @ W @ x2
print(y2, y2.shape)
y2.backward()
print(x2.grad)

x3 = torch.tensor([1.0, 2.0], requires_grad=True)
y3 = torch.dot(x3, torch.mv(W, x3))
y3.backward()
print(x3.grad.tolist())

x4 = torch.tensor([1.0, 2.0], requires_grad=True)
y4 = (W * torch.outer(x4, x4)).sum()
y4.backward()
print(x4.grad)

x5 = torch.tensor([1.0, 2.0], requires_grad=True)
y5 = torch.einsum("i,ij,j->", x5, W, x5)
y5.backward()
print(y5.item(), x5.grad)
print("2Wx =", 2 * W @ torch.tensor([1.0, 2.0]))
print(torch.equal(x1.grad, x5.grad))
