# Distillation exercise: a tiny PReLU student network matched to teacher probabilities with
# KLDivLoss (batchmean), einsum-based layers, running statistics and inference mode.
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

warnings.simplefilter("ignore")

x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [-2.0, 1.0, 0.25], [0.1, 0.2, -0.3]])
teacher = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25]])


class Student(nn.Module):
    def __init__(self):
        super().__init__()
        self.w1 = nn.Parameter(torch.linspace(-0.5, 0.5, 12).reshape(3, 4))
        self.act = nn.PReLU(4, init=0.2)
        self.w2 = nn.Parameter(torch.linspace(0.3, -0.3, 12).reshape(4, 3))

    def forward(self, inp):
        h = torch.einsum("bi,ij->bj", inp, self.w1)
        h = self.act(h)
        return torch.einsum("bj,jk->bk", h, self.w2)


model = Student()
print(model)
criterion = nn.KLDivLoss(reduction="batchmean")
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for step in range(6):
    opt.zero_grad()
    logits = model(x)
    loss = criterion(F.log_softmax(logits, dim=1), teacher)
    loss.backward()
    opt.step()
    print(f"step {step}: loss={loss.item():.6f} slope={model.act.weight.detach()}")
print("logits grad_fn:", type(logits.grad_fn).__name__)
print("prelu grad:", model.act.weight.grad)

logp = F.log_softmax(model(x), dim=1)
for red in ["sum", "batchmean", "none"]:
    print(red, F.kl_div(logp, teacher, reduction=red))
print("log_target:", F.kl_div(logp, teacher.log(), reduction="sum", log_target=True))
print("mean:", F.kl_div(logp, teacher, reduction="mean"))

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
b = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
for eq, ops in [("ij,jk->ik", (a, b)), ("ii->i", (a,)), ("ij->ji", (a,)), ("ij,ij->", (a, b)),
                ("i,j->ij", (a[0], b[1])), ("ii", (a,))]:
    r = torch.einsum(eq, *ops)
    print(eq, r)
trace_like = torch.einsum("ii->", a) + torch.einsum("ij,ij->", a, b)
trace_like.backward()
print("a.grad:", a.grad)
print("b.grad:", b.grad)

p = F.prelu(torch.tensor([[-1.0, 2.0], [3.0, -4.0]]), torch.tensor([0.1, 0.3]))
print("prelu per channel:", p)
try:
    F.prelu(torch.ones(2, 3), torch.ones(2))
except RuntimeError as e:
    print("RuntimeError:", e)

with torch.inference_mode():
    print("inference enabled:", torch.is_inference_mode_enabled(), torch.is_grad_enabled())
    out = model(x)
    print("requires_grad inside:", out.requires_grad)


@torch.inference_mode()
def predict(inp):
    return model(inp).argmax(dim=1)


print("predictions:", predict(x))
print("inference enabled after:", torch.is_inference_mode_enabled())
cum = torch.tensor([3.0, 1.0, 2.0, 1.0, 5.0], requires_grad=True)
mins = torch.cummin(cum, 0)
print(mins)
lse = torch.logcumsumexp(cum, 0)
print(lse)
(mins.values.sum() + lse.sum()).backward()
print("cum grad:", cum.grad)
edges = torch.tensor([0.0, 1.5, 3.0])
print("buckets:", torch.bucketize(cum.detach(), edges), torch.searchsorted(edges, cum.detach(), right=True))
