import torch
import torch.nn as nn

class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias

class MyLinear(nn.Module):
    def __init__(self, input_features, output_features, bias=True):
        super().__init__()
        self.input_features = input_features
        self.output_features = output_features
        self.weight = nn.Parameter(torch.empty(output_features, input_features))
        if bias:
            self.bias = nn.Parameter(torch.empty(output_features))
        else:
            self.register_parameter('bias', None)
        with torch.no_grad():
            self.weight.copy_(torch.linspace(-0.5, 0.5, output_features * input_features).reshape(output_features, input_features))
            if self.bias is not None:
                self.bias.fill_(0.1)

    def forward(self, input):
        return LinearFunction.apply(input, self.weight, self.bias)

    def extra_repr(self):
        return 'input_features={}, output_features={}, bias={}'.format(
            self.input_features, self.output_features, self.bias is not None)

m = MyLinear(3, 2)
print(m)
x = torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4
out = m(x)
print(out)
print(out.grad_fn.__class__.__name__)
out.pow(2).sum().backward()
print(m.weight.grad)
print(m.bias.grad)

ref = nn.Linear(3, 2)
with torch.no_grad():
    ref.weight.copy_(m.weight)
    ref.bias.copy_(m.bias)
ref(x).pow(2).sum().backward()
print(torch.allclose(ref.weight.grad, m.weight.grad), torch.allclose(ref.bias.grad, m.bias.grad))

m2 = MyLinear(3, 2, bias=False)
print(m2)
print(m2.bias)
y = m2(x.double())
