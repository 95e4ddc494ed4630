import torch

# 演習1: 勾配計算が可能な Tensor として表現する (学生の確認用出力つき)
xs = {
    "scalar": torch.tensor(3.0, requires_grad=True),
    "vector": torch.tensor([3.0, 4.0, 5.0], requires_grad=True),
    "matrix": torch.tensor([[3.0, 4.0, 5.0], [6.0, 7.0, 8.0]], requires_grad=True),
}
for name, x in xs.items():
    print(name, x.shape, x.dim(), x.dtype, x.requires_grad, x.is_leaf, x.grad_fn)
    print(x)

# 4. 整数: dtype を指定すれば OK
x = torch.tensor(3, dtype=torch.float32, requires_grad=True)
print(x, x.dtype)
x = torch.tensor(3.).requires_grad_()
print(x)
x = torch.tensor(3).float().requires_grad_(True)
print(x)
# 整数ベクトルのまま requires_grad を付けようとする
v = torch.tensor([3, 4, 5])
print(v.dtype, v.is_floating_point())
v.requires_grad_(True)
