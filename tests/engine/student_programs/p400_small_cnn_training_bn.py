# A student's first CNN: conv -> relu -> maxpool -> conv -> batchnorm -> global average pool ->
# linear, trained for a few SGD steps on a tiny synthetic "image" batch.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(4, 8, 3)
        self.bn = nn.BatchNorm2d(8)
        self.gap = nn.AdaptiveAvgPool2d((1, 1))
        self.drop = nn.Dropout2d(0.0)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = F.relu(self.bn(self.conv2(x)))
        x = self.drop(x)
        x = self.gap(x).flatten(1)
        return self.fc(x)


model = SmallCNN()
print(model)
print(type(model.conv1), type(model.pool))

# deterministic weights so the run can be compared with a classmate's
with torch.no_grad():
    for k, (name, p) in enumerate(model.named_parameters()):
        n = p.numel()
        scale = 0.4 if name.endswith("weight") else 0.1
        p.copy_(torch.sin(torch.arange(n, dtype=torch.float32) * 1.3 + k).reshape(p.shape) * scale)
    nn.init.ones_(model.bn.weight)
    nn.init.zeros_(model.bn.bias)

n_params = sum(p.numel() for p in model.parameters())
print("parameters:", n_params)
for name, p in model.named_parameters():
    print(f"{name:12s} {tuple(p.shape)}")

x = torch.cos(torch.arange(6 * 144, dtype=torch.float32) * 0.05).reshape(6, 1, 12, 12)
x = x + 0.1 * torch.arange(6, dtype=torch.float32).view(6, 1, 1, 1)
y = torch.tensor([0, 1, 2, 0, 1, 2])

# shapes through the network
h = model.conv1(x)
print("conv1:", h.shape, type(h.grad_fn).__name__)
h = model.pool(F.relu(h))
print("pool:", h.shape, type(h.grad_fn).__name__)
h = model.bn(model.conv2(h))
print("bn:", h.shape, type(h.grad_fn).__name__)
h = model.gap(h)
print("gap:", h.shape, type(h.grad_fn).__name__)

optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for step in range(8):
    optimizer.zero_grad()
    logits = model(x)
    loss = F.cross_entropy(logits, y)
    loss.backward()
    if step == 0:
        print("conv1 grad norm:", round(model.conv1.weight.grad.norm().item(), 4))
        print("fc bias grad:", [round(v, 4) for v in model.fc.bias.grad.tolist()])
    optimizer.step()
    print(f"step {step}: loss {loss.item():.4f}")

print("running_mean:", [round(v, 3) for v in model.bn.running_mean.tolist()])
print("running_var:", [round(v, 3) for v in model.bn.running_var.tolist()])
print("batches tracked:", model.bn.num_batches_tracked.item())

model.eval()
with torch.no_grad():
    pred = model(x).argmax(dim=1)
print("predictions:", pred.tolist(), "accuracy:", (pred == y).float().mean().item())

# a classic mistake: RGB-sized first layer, grayscale input
try:
    nn.Conv2d(3, 4, 3)(x)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    F.max_pool2d(torch.ones(1, 1, 1, 1), 2)
except RuntimeError as e:
    print("RuntimeError:", e)
