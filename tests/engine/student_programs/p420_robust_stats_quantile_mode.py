# Robust statistics homework: quantile-based clipping, medians, modes and a sliding-window
# smoother built with unfold, with gradients through the quantiles.
import torch

scores = torch.tensor([
    [72.0, 88.5, 91.0, 65.0, 88.5, 79.0, 55.5, 99.0],
    [60.0, 60.0, 70.0, 80.0, 90.0, 60.0, 75.0, 85.0],
    [45.0, 95.0, 85.0, 85.0, 50.0, 85.0, 70.0, 65.0],
], requires_grad=True)

q = torch.tensor([0.25, 0.5, 0.75])
quartiles = torch.quantile(scores, q, dim=1, keepdim=True)
print("quartiles:", quartiles)
iqr = quartiles[2] - quartiles[0]
print("iqr:", iqr.squeeze(), type(iqr.grad_fn).__name__)

for interp in ["linear", "lower", "higher", "midpoint", "nearest"]:
    print(interp, scores.quantile(0.3, dim=1, interpolation=interp))

median_all = scores.quantile(0.5)
print("overall median:", median_all)
median_all.backward()
print("grad of overall median:\n", scores.grad)
scores.grad = None

lo = quartiles[0] - 1.5 * iqr
hi = quartiles[2] + 1.5 * iqr
clipped = torch.maximum(torch.minimum(scores, hi), lo)
loss = clipped.mean() + 0.1 * iqr.sum()
loss.backward()
print("loss:", loss.item())
print("grad:\n", scores.grad)

with_gaps = torch.tensor([[1.0, float("nan"), 3.0, 4.0], [float("nan"), 2.0, 2.0, 8.0]])
print("quantile with nan:", torch.quantile(with_gaps, 0.5, dim=1))
print("nanquantile:", torch.nanquantile(with_gaps, 0.5, dim=1))

grades = torch.tensor([[3, 1, 2, 3, 1, 1], [2, 2, 4, 4, 0, 5]])
m = torch.mode(grades, dim=1)
print(m)
print("mode of column 0..2:", grades[:, :3].mode(dim=0).values)
vals, idx = scores.mode(dim=1)
print(vals, idx)
vals.sum().backward()
print("mode grad row sums:", scores.grad.sum(dim=1))

signal = torch.tensor([0.0, 1.0, 4.0, 2.0, 8.0, 5.0, 7.0, 3.0, 6.0], requires_grad=True)
windows = signal.unfold(0, 3, 1)
print("windows:", windows.shape, type(windows.grad_fn).__name__)
smooth = windows.mean(dim=1)
print("moving average:", smooth)
strided = signal.unfold(0, 4, 2)
print("strided windows:\n", strided)
(smooth.sum() + strided.max(dim=1).values.sum()).backward()
print("signal grad:", signal.grad)
try:
    signal.unfold(0, 10, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.quantile(scores, 1.2)
except RuntimeError as e:
    print("RuntimeError:", e)
