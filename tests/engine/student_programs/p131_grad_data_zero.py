import torch

w = torch.tensor([0.5, -0.5], requires_grad=True)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y = torch.tensor([1.0, 2.0])
lr = 0.01
for step in range(5):
    pred = x @ w
    loss = ((pred - y) ** 2).mean()
    loss.backward()
    w.data -= lr * w.grad.data
    print(step, round(loss.item(), 5), w.grad)
    w.grad.data.zero_()
print(w)
print(w.grad)
w.grad.detach_()
w.grad.zero_()
print(w.grad)
