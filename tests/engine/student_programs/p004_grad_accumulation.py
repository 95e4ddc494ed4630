import torch

w = torch.tensor(3.0, requires_grad=True)
for i in range(3):
    loss = w * w
    loss.backward()
    print(f"step {i}: grad = {w.grad}")

w.grad.zero_()
print("after zero_:", w.grad)
loss = 5 * w
loss.backward()
print("fresh:", w.grad)
w.grad = None
print("after None:", w.grad)
(w ** 3).backward()
print(w.grad)
