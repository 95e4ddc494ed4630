import torch
import torch.nn.functional as F

x = torch.tensor([[1.0, -2.0, 3.0], [0.0, 4.0, -1.0]], requires_grad=True)
print(F.normalize(x, dim=1))
print(F.one_hot(torch.tensor([0, 2, 1]), 3))
print(F.pad(x, (1, 1), value=0.0))
print(F.softmax(x, dim=0))
print(F.relu6(x * 3), F.hardtanh(x))
print(F.leaky_relu(x, 0.2))
print(F.dropout(x, p=0.5, training=False))
print(F.l1_loss(x, torch.zeros(2, 3)), F.smooth_l1_loss(x, torch.zeros(2, 3)))
print(F.cosine_similarity(x[0:1], x[1:2]), F.cosine_similarity(x, x.flip(0), dim=1))
out = F.log_softmax(x, dim=1)
out[0, 0].backward()
print(x.grad)
