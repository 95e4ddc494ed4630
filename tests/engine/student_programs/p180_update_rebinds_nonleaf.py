import torch

w = torch.tensor([1.0, -1.0], requires_grad=True)
x = torch.tensor([2.0, 3.0])
lr = 0.1
for step in range(3):
    loss = ((w * x).sum() - 4) ** 2
    loss.backward()
    print(step, loss.item(), w.is_leaf, w.grad)
    w = w - lr * w.grad   # mistake: w becomes a non-leaf
    print(w, w.grad_fn.name())
