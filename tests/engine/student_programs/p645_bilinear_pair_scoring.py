# nn.Bilinear scoring pairs (x1, x2): y = x1^T A x2 + b, trained to tell matching pairs apart
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(3)
layer = nn.Bilinear(3, 4, 2)
print(layer)
print("weight", tuple(layer.weight.shape), "bias", tuple(layer.bias.shape))
print(layer.weight[0])

a = torch.randn(5, 3)
b = torch.randn(5, 4)
out = layer(a, b)
print(out)
print(out.grad_fn.name())
print([type(f).__name__ for f, _ in out.grad_fn.next_functions])
manual = torch.einsum("ni,oij,nj->no", a, layer.weight, b) + layer.bias
print("matches einsum:", torch.allclose(out, manual, atol=1e-6))
print("single pair:", layer(a[0], b[0]))
print("no bias:", nn.Bilinear(3, 4, 2, bias=False))
print(F.bilinear(a[:2], b[:2], layer.weight).shape)

# learn: label 1 when the pair's features agree in sign on the first coordinate
x1 = torch.randn(64, 3)
x2 = torch.randn(64, 4)
labels = ((x1[:, 0] * x2[:, 0]) > 0).long()
model = nn.Bilinear(3, 4, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(20):
    logits = model(x1, x2)
    loss = F.cross_entropy(logits, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 5 == 4:
        acc = (logits.argmax(1) == labels).float().mean()
        print(f"epoch {epoch + 1:2d} loss {loss.item():.4f} acc {acc.item():.3f}")
print("learned A[1, 0, 0] - A[0, 0, 0]:", f"{(model.weight[1, 0, 0] - model.weight[0, 0, 0]).item():.3f}")
