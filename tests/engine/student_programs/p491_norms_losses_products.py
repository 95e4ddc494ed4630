# Week 8 exercise: a small embedding model with GroupNorm / RMSNorm / InstanceNorm, trained with
# a triplet loss; then matrix utilities (matrix_power, cov, corrcoef, cross, take_along_dim).
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Embedder(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 8)
        self.unflat = nn.Unflatten(1, (4, 2))
        self.gn = nn.GroupNorm(2, 4)
        self.inorm = nn.InstanceNorm1d(4, affine=True)
        self.out = nn.Sequential(nn.Flatten(), nn.Linear(8, 3), nn.RMSNorm(3, eps=1e-6))
        self.scales = nn.ParameterDict({"pos": nn.Parameter(torch.tensor(1.0)),
                                        "neg": nn.Parameter(torch.tensor(0.5))})

    def forward(self, x):
        h = F.softshrink(self.fc(x), 0.1)
        h = self.gn(self.unflat(h))
        h = F.leaky_relu(self.inorm(h), 0.1)
        return self.out(h)


model = Embedder()
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape) * (1 + 0.1 * i))
print(model)
print([name for name, _ in model.named_parameters()])

base = torch.linspace(-1, 1, 30).reshape(5, 6)
anchor = torch.sin(3 * base)
positive = anchor + 0.05 * torch.cos(5 * base)
negative = torch.cos(2 * base + 1)
loss_fn = nn.TripletMarginLoss(margin=1.0)
cos_loss = nn.CosineEmbeddingLoss(margin=0.2)
opt = torch.optim.SGD(model.parameters(), lr=0.05)
for step in range(31):
    a, p, n = model(anchor), model(positive), model(negative)
    loss = loss_fn(a, p, n) + 0.1 * cos_loss(a, n, -torch.ones(5))
    loss = loss + 0.01 * (model.scales["pos"] - model.scales["neg"]) ** 2
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(f"step {step:2d}  loss {loss.item():.5f}  grad_fn {type(loss.grad_fn).__name__}")
print("negative distances:", F.pairwise_distance(a, n).detach().round(decimals=3))
print("cosine:", nn.CosineSimilarity(dim=1)(a, n).detach().round(decimals=3))

# other losses on fixed numbers
x1 = torch.tensor([[0.2, -1.0, 0.5], [1.0, 0.3, -0.4]], requires_grad=True)
x2 = torch.tensor([[0.1, 0.4, 0.5], [-1.0, 0.2, 0.9]])
sgn = torch.tensor([[1.0, -1.0, 1.0], [-1.0, 1.0, 1.0]])
print("margin ranking:", F.margin_ranking_loss(x1, x2, sgn, margin=0.15))
print("hinge:", nn.HingeEmbeddingLoss(margin=0.5)(x1, sgn))
print("soft margin:", nn.SoftMarginLoss()(x1, sgn))
print("gaussian nll:", nn.GaussianNLLLoss()(x1, x2, torch.full((2, 3), 0.5)))
print("poisson nll:", nn.PoissonNLLLoss()(x1, torch.tensor([[0.0, 1.0, 2.0], [3.0, 0.0, 1.0]])))
print("multilabel:", nn.MultiLabelSoftMarginLoss()(x1, (sgn > 0).float()))
print("hardshrink:", nn.Hardshrink(0.3)(x1))

# matrix utilities
A = torch.tensor([[2.0, 1.0], [1.0, 3.0]], requires_grad=True)
P = torch.matrix_power(A, 3)
print(P, torch.matrix_power(A, -1))
P.sum().backward()
print("dP/dA summed:", A.grad)
data = torch.stack([torch.linspace(0, 1, 6), torch.linspace(0, 1, 6) ** 2, torch.cos(torch.arange(6.0))])
print("cov:\n", torch.cov(data))
print("corrcoef:\n", torch.corrcoef(data))
u = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
v = torch.tensor([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
print("cross:", torch.linalg.cross(u, v) if hasattr(torch.linalg, "cross") else torch.cross(u, v, dim=1))
scores = torch.tensor([[0.1, 0.9, 0.3], [0.8, 0.2, 0.5]])
top = scores.argsort(dim=1, descending=True)[:, :2]
print("take_along_dim:", torch.take_along_dim(scores, top, dim=1))
print("addmv:", torch.addmv(torch.ones(2), scores, torch.tensor([1.0, 2.0, 3.0]), beta=0.5))
print("baddbmm:", torch.baddbmm(torch.zeros(1, 2, 2), scores.unsqueeze(0), scores.T.unsqueeze(0)))
print("unique_consecutive:", torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 2, 3, 1]), return_counts=True))
print("iinfo:", torch.iinfo(torch.int16), torch.iinfo(torch.uint8).max)
print("broadcast:", torch.broadcast_shapes((3, 1), (1, 4)), [t.shape for t in torch.broadcast_tensors(torch.zeros(3, 1), torch.zeros(4))])
print("isin:", torch.isin(torch.arange(6), torch.tensor([1, 4])))
print("argwhere:", torch.argwhere(scores > 0.4))
try:
    nn.GroupNorm(3, 4)
except ValueError as e:
    print("ValueError:", e)
try:
    torch.matrix_power(torch.zeros(2, 3), 2)
except RuntimeError as e:
    print("RuntimeError:", e)

# attention with fixed weights
mha = nn.MultiheadAttention(embed_dim=4, num_heads=2, batch_first=True)
print(mha)
with torch.no_grad():
    for i, (name, p) in enumerate(mha.named_parameters()):
        p.copy_(torch.cos(torch.arange(p.numel(), dtype=torch.float32) * (0.7 + 0.1 * i)).reshape(p.shape) * 0.5)
seq = torch.sin(torch.arange(12.0).reshape(1, 3, 4) * 0.9)
seq.requires_grad_()
out, weights = mha(seq, seq, seq)
print(out)
print(weights)
pad = torch.tensor([[False, False, True]])
out2, _ = mha(seq, seq, seq, key_padding_mask=pad, need_weights=False)
print(out2)
out.pow(2).sum().backward()
print("d/d seq:", seq.grad)
qkv = torch.cos(torch.arange(24.0).reshape(1, 1, 6, 4))
print(F.scaled_dot_product_attention(qkv, qkv, qkv, is_causal=True))
