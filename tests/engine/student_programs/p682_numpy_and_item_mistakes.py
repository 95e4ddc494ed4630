# mistakes students make when logging: numpy() on a tensor that requires grad, item() on vectors
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(3, 2)
x = torch.randn(4, 3)
out = model(x)
try:
    out.numpy()
except RuntimeError as e:
    print(type(e).__name__, e)
print(out.detach().numpy().shape, out.detach().numpy().dtype)
try:
    out.item()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    float(out)
except (RuntimeError, TypeError, ValueError) as e:
    print(type(e).__name__, e)
loss = out.pow(2).mean()
print(float(loss), f"{loss:.3f}", f"{loss.item():.3e}", round(loss.item(), 2))
try:
    print(f"{out:.2f}")
except (TypeError, ValueError, RuntimeError) as e:
    print(type(e).__name__, e)
losses = []
for i in range(3):
    losses.append(loss)
print(losses[:1])
print(torch.stack(losses))
print(torch.tensor([l.item() for l in losses]))
try:
    torch.tensor(losses)
except (ValueError, RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
try:
    model.weight += 1
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    model.weight.zero_()
except RuntimeError as e:
    print(type(e).__name__, e)
with torch.no_grad():
    model.weight.zero_()
print(model.weight)
try:
    loss.backward()
except RuntimeError as e:
    print("backward:", type(e).__name__, e)
print(model.bias.grad)
try:
    model(torch.randn(4, 3).numpy())
except TypeError as e:
    print(type(e).__name__, e)
try:
    model([1.0, 2.0, 3.0])
except TypeError as e:
    print(type(e).__name__, e)
