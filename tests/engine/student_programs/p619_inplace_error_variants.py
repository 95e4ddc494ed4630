import torch

def attempt(label, fn):
    try:
        r = fn()
        print(label, "ok", r)
    except Exception as e:
        print(label, type(e).__name__, e)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
attempt("add_", lambda: x.add_(1))
attempt("zero_", lambda: x.zero_())
attempt("slice", lambda: x[:2].mul_(2))
attempt("iadd", lambda: x.__iadd__(1))
def sig():
    y = torch.sigmoid(x)
    y.mul_(2)
    y.sum().backward()
attempt("sigmoid", sig)
def tanh_():
    y = x.tanh()
    y.add_(1)
    y.sum().backward()
attempt("tanh", tanh_)
def relu_():
    y = x * 1
    z = y.relu_()
    z.sum().backward()
    return x.grad
attempt("relu_", relu_)
x.grad = None
def pow_():
    y = x * 2
    z = y ** 2
    y.add_(1)
    z.sum().backward()
attempt("pow", pow_)
def exp_():
    y = x.exp()
    y[0] = 0
    y.sum().backward()
attempt("exp", exp_)
def add_ok():
    y = x + 1
    z = y + 2
    y.mul_(3)
    z.sum().backward()
    return x.grad
attempt("add ok", add_ok)
x.grad = None
def mulscalar():
    y = x * 1
    z = y * 5
    y.add_(1)
    z.sum().backward()
    return x.grad
attempt("mul scalar", mulscalar)
x.grad = None
def mat():
    A = torch.ones(2, 3, requires_grad=True)
    B = A * 2
    C = B @ torch.ones(3, 1)
    B.fill_(0)
    C.sum().backward()
    return A.grad
attempt("matmul", mat)
def view():
    y = x.clone()
    v = y.view(3, 1)
    z = v.exp()
    y.mul_(2)
    z.sum().backward()
attempt("view", view)
def sin_ok():
    y = x.sin()
    y2 = y * 1
    y.add_(1)
    (y2 + y).sum().backward()
    return x.grad
attempt("sin", sin_ok)
x.grad = None
print(x._version)
with torch.no_grad():
    x.add_(1)
print(x._version, x)
def detached():
    y = x.exp()
    y.detach().zero_()
    y.sum().backward()
attempt("detach zero", detached)
def dataop():
    y = x.exp()
    y.data.zero_()
    y.sum().backward()
    return x.grad
attempt("data zero", dataop)
