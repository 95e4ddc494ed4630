import torch
import torch.nn.functional as F

logits = torch.tensor([2.0, 1.0, 0.1], requires_grad=True)
p = F.softmax(logits, dim=0)
print(p)
print(p.sum())
lp = F.log_softmax(logits, dim=0)
print(lp)
lp[0].backward()
print(logits.grad)
x = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(torch.softmax(x, dim=1))
print(x.softmax(dim=-1))
print(torch.log_softmax(x, 1))
# manual softmax
e = torch.exp(x)
print(e / e.sum(dim=1, keepdim=True))
print(torch.softmax(torch.tensor([1000.0, 1000.0]), 0))
