# Exploring convolution and pooling by hand: an edge-detecting conv1d kernel, pooling with
# indices, a Sobel filter with conv2d and its gradient, then a small 1-d CNN trained with SGD.
import torch
import torch.nn as nn
import torch.nn.functional as F

signal = torch.tensor([[[0., 0., 1., 3., 3., 3., 1., 0., 2., 2.]]], requires_grad=True)
edge = torch.tensor([[[-1., 0., 1.]]])
out = F.conv1d(signal, edge, padding=1)
print(out)
print(out.shape, type(out.grad_fn).__name__)
out.pow(2).sum().backward()
print(signal.grad)

values, idx = F.max_pool1d(signal, kernel_size=2, return_indices=True)
print(values)
print(idx)
print(F.avg_pool1d(signal, 3, stride=2, padding=1))
print(F.avg_pool1d(signal, 3, stride=2, padding=1, count_include_pad=False))
print(F.adaptive_avg_pool1d(signal, 4))
print(F.adaptive_max_pool1d(signal, 3))
print(type(F.max_pool1d(signal, 2).grad_fn).__name__)

img = torch.zeros(1, 1, 5, 6)
img[..., 1:4, 2:5] = 1.0
img.requires_grad_(True)
sobel_x = torch.tensor([[-1., 0., 1.], [-2., 0., 2.], [-1., 0., 1.]]).view(1, 1, 3, 3)
sobel_y = sobel_x.transpose(2, 3)
w = torch.cat([sobel_x, sobel_y])
edges = F.conv2d(img, w, padding=1)
print(edges)
magnitude = edges.abs().sum()
magnitude.backward()
print(img.grad)
pooled, where = F.max_pool2d(edges, 2, stride=2, ceil_mode=True, return_indices=True)
print(pooled.shape, where)
print(F.avg_pool2d(edges, 2).shape, F.adaptive_avg_pool2d(edges, (2, 2)))

same = nn.Conv1d(1, 2, kernel_size=4, padding="same", bias=False)
print(same)
nn.init.constant_(same.weight, 0.5)
print(same(signal.detach()))

net = nn.Sequential(
    nn.Conv1d(1, 4, kernel_size=3, stride=1, padding=1),
    nn.ReLU(),
    nn.MaxPool1d(2),
    nn.Conv1d(4, 2, kernel_size=3, dilation=2),
    nn.AvgPool1d(1),
    nn.Flatten(),
    nn.Linear(2, 1),
)
print(net)
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.copy_(torch.linspace(-0.5, 0.7, p.numel()).reshape(p.shape) * (1 + 0.1 * i))
t = torch.linspace(0, 3, 10)
xs = torch.stack([torch.sin(t * (k + 1)) for k in range(4)]).unsqueeze(1)
ys = torch.tensor([[0.5], [-0.2], [0.1], [0.3]])
opt = torch.optim.SGD(net.parameters(), lr=0.05)
for epoch in range(6):
    opt.zero_grad()
    loss = F.mse_loss(net(xs), ys)
    loss.backward()
    opt.step()
    print(epoch, round(loss.item(), 4))
print([round(v, 4) for v in net[0].bias.tolist()])
try:
    F.conv1d(torch.ones(5), edge)
except RuntimeError as e:
    print(e)
try:
    F.conv2d(torch.ones(1, 2, 4, 4), w)
except RuntimeError as e:
    print(e)
