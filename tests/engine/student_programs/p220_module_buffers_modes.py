import torch
import torch.nn as nn

class RunningNorm(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.register_buffer("running_mean", torch.zeros(n))
        self.register_buffer("count", torch.tensor(0))
        self.scale = nn.Parameter(torch.ones(n))

    def forward(self, x):
        if self.training:
            with torch.no_grad():
                self.running_mean.mul_(0.9).add_(0.1 * x.mean(0))
                self.count += 1
        return (x - self.running_mean) * self.scale

m = RunningNorm(3)
print(m)
print([n for n, _ in m.named_buffers()], [n for n, _ in m.named_parameters()])
x = torch.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
for _ in range(3):
    y = m(x)
print(m.running_mean, m.count)
print(m.state_dict())
m.eval()
print(m.training, m(x))
print(list(m.state_dict().keys()), len(list(m.buffers())))
y.sum().backward()
print(m.scale.grad)
