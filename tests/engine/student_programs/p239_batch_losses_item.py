import torch

pred = torch.tensor([2.5, 0.0, 2.1, 7.8, -1.3, 0.45], requires_grad=True)
target = torch.tensor([3.0, -0.5, 2.0, 7.0, -1.0, 0.5])

mse_mean = ((pred - target) ** 2).mean()
mse_sum = ((pred - target) ** 2).sum()
mae = (pred - target).abs().mean()
print(mse_mean.item())
print(mse_sum.item())
print(mae.item())
print(mse_mean, mse_sum, mae)
print(torch.nn.functional.mse_loss(pred, target).item())
print(torch.nn.functional.l1_loss(pred, target, reduction="sum").item())
print(torch.nn.functional.smooth_l1_loss(pred, target).item())
print(torch.nn.functional.huber_loss(pred, target, delta=0.5).item())

mse_mean.backward()
print(pred.grad)
print(pred.grad.tolist())
pred.grad = None
mse_sum.backward()
print(pred.grad)
print([round(g, 3) for g in pred.grad.tolist()])
# バッチごとの平均
batch = torch.stack([pred.detach(), target], dim=0)
print(batch.mean(dim=1))
print(batch.mean(dim=0).sum().item())
