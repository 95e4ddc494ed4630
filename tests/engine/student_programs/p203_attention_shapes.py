import math
import torch

B, T, D = 2, 3, 4
x = torch.arange(B * T * D, dtype=torch.float32).reshape(B, T, D) / 10
Wq = torch.eye(D, requires_grad=True)
Wk = (torch.eye(D) * 0.5).requires_grad_()
Q = x @ Wq
K = x @ Wk
scores = Q @ K.transpose(-2, -1) / math.sqrt(D)
print(scores.shape)
mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
scores = scores.masked_fill(mask, float("-inf"))
print(scores[0])
attn = torch.softmax(scores, dim=-1)
print(attn[1])
out = attn @ x
print(out.shape, out.grad_fn.name())
out.sum().backward()
print(Wq.grad)
print(Wk.grad.shape, torch.bmm(attn, x).allclose(out))
