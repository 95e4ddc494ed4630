import torch

w = torch.tensor([[1.0, -1.0], [0.5, 2.0]], requires_grad=True)
b = torch.tensor([0.1, -0.2], requires_grad=True)
X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]])

def model(X):
    return X @ w.T + b

# 評価: no_grad
with torch.no_grad():
    out1 = model(X)
print(out1)
print(out1.requires_grad, out1.grad_fn)

# 評価: detach
out2 = model(X).detach()
print(out2.requires_grad, out2.grad_fn, out2.is_leaf)
print(torch.equal(out1, out2))

# detach しないとグラフが残る
out3 = model(X)
print(out3.requires_grad, type(out3.grad_fn).__name__)
print(out3.sum().item())

# no_grad 内で作ったテンソルに requires_grad を付けることはできる
with torch.no_grad():
    t = X * 2
t.requires_grad_()
print(t.requires_grad, t.is_leaf)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled())
    with torch.enable_grad():
        y = (w * 2).sum()
    print(y.requires_grad)
y.backward()
print(w.grad)
