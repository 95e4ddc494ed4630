import torch

x = torch.tensor([1.25, -2.5, 3.75], requires_grad=True)
f = x.frac()
print(f, torch.frac(x))
f.sum().backward()
print(x.grad)
print(x.output_nr, f.output_nr)

w = torch.tensor([1.0, -2.0], requires_grad=True)
log = []


def after_accumulate(param):
    log.append(param.grad.clone())
    print("accumulated:", param.grad)


handle = w.register_post_accumulate_grad_hook(after_accumulate)
(w ** 2).sum().backward()
(3 * w).sum().backward()
print(len(log), w.grad)
handle.remove()
(w ** 2).sum().backward()
print(len(log), w.grad)


def sgd_step(param):
    with torch.no_grad():
        param.add_(param.grad, alpha=-0.1)
    param.grad = None


v = torch.tensor([2.0, 4.0], requires_grad=True)
v.register_post_accumulate_grad_hook(sgd_step)
for _ in range(3):
    (v ** 2).sum().backward()
print(v, v.grad)
try:
    (v * 2).register_post_accumulate_grad_hook(sgd_step)
except RuntimeError as e:
    print("RuntimeError:", e)
