import torch

# 学生がデータを整数リストで作ってしまう
xs = torch.tensor([1, 2, 3, 4])
ys = torch.tensor([3, 5, 7, 9])
print(xs.dtype, ys.dtype)
w = torch.tensor(0.0, requires_grad=True)
pred = w * xs
print(pred, pred.dtype)
loss = ((pred - ys) ** 2).mean()
print(loss)
loss.backward()
print(w.grad)
for row in torch.stack([xs, ys], dim=1):
    print(row, row.grad_fn)
for p in pred:
    print(p)
# 半分のサイズのバッファを作ろうとして / を使う
half = torch.zeros(len(xs) / 2)
