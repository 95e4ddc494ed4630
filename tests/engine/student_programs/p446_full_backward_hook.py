import torch
import torch.nn as nn

class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 3)
        self.act = nn.Tanh()
        self.fc2 = nn.Linear(3, 1)
        with torch.no_grad():
            self.fc1.weight.copy_(torch.tensor([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]))
            self.fc1.bias.zero_()
            self.fc2.weight.copy_(torch.tensor([[1.0, -1.0, 0.5]]))
            self.fc2.bias.fill_(0.25)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))

model = Tiny()
grads = []

def bhook(module, grad_input, grad_output):
    print(module.__class__.__name__, "grad_output shapes:", [None if g is None else tuple(g.shape) for g in grad_output])
    print("   grad_input shapes:", [None if g is None else tuple(g.shape) for g in grad_input])
    grads.append(grad_output[0].detach().clone())

h1 = model.fc2.register_full_backward_hook(bhook)
h2 = model.act.register_full_backward_hook(bhook)

x = torch.tensor([[1.0, 2.0], [-1.0, 0.5]])
out = model(x)
print("out", out)
out.sum().backward()
for g in grads:
    print(g)
print("fc1.weight.grad\n", model.fc1.weight.grad)

h1.remove(); h2.remove()

def scale_grad(module, grad_input, grad_output):
    return (grad_input[0] * 10,)

model.zero_grad()
model.act.register_full_backward_hook(scale_grad)
model(x).sum().backward()
print("scaled fc1.weight.grad\n", model.fc1.weight.grad)
