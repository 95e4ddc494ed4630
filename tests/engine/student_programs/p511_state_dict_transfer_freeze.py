import torch, io
import torch.nn as nn
torch.manual_seed(10)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.ReLU())
        self.head = nn.Linear(6, 2)
    def forward(self, x):
        return self.head(self.body(x))
a = Net()
print(list(a.state_dict().keys()))
buf = io.BytesIO()
torch.save(a.state_dict(), buf)
buf.seek(0)
b = Net()
print(b.load_state_dict(torch.load(buf)))
x = torch.randn(8, 4)
a.eval(); b.eval()
print(torch.equal(a(x), b(x)))
for p in b.body.parameters():
    p.requires_grad_(False)
print([n for n, p in b.named_parameters() if p.requires_grad])
print("trainable:", sum(p.numel() for p in b.parameters() if p.requires_grad))
b.train()
opt = torch.optim.SGD(filter(lambda p: p.requires_grad, b.parameters()), lr=0.1)
y = torch.randint(0, 2, (8,))
for i in range(5):
    opt.zero_grad()
    l = nn.functional.cross_entropy(b(x), y)
    l.backward()
    opt.step()
    print(i, f"{l.item():.4f}")
print(b.body[0].weight.grad)
print(b.body[1].running_mean)
z = b.body[1](b.body[0](x))
print("after BN mean should be 0:", z.mean(0))
print("and std 1:", z.std(0, unbiased=False))
print(b.body[1].num_batches_tracked)
sd = b.state_dict()
sd.pop("head.bias")
print(b.load_state_dict(sd, strict=False))
try:
    b.load_state_dict(sd)
except RuntimeError as err:
    print("strict load failed:", err)
b.head(torch.randn(3, 4))
