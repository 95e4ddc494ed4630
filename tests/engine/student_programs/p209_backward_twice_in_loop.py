import torch

w = torch.tensor([0.5, -0.5], requires_grad=True)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
h = torch.tanh(x @ w)          # computed once, outside the loop (mistake)
for step in range(3):
    loss = (h ** 2).sum() + (w ** 2).sum()
    print(step, f"{loss.item():.5f}")
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad.zero_()
