import torch
torch.manual_seed(41)
W = torch.randn(2, 3, dtype=torch.float64)
def f(x):
    return torch.tanh(W @ x).pow(2).sum() + torch.sigmoid(x).prod()
x = torch.randn(3, dtype=torch.float64, requires_grad=True)
f(x).backward()
print("autograd", x.grad)
print(f"{'h':>8} | {'fd_forward':>28} | max err")
for h in [1e-1, 1e-3, 1e-5, 1e-7]:
    fd = torch.zeros(3, dtype=torch.float64)
    for i in range(3):
        e = torch.zeros(3, dtype=torch.float64); e[i] = h
        fd[i] = (f(x.detach() + e) - f(x.detach())) / h
    err = (fd - x.grad).abs().max()
    print(f"{h:8.0e} | {str(fd.numpy().round(6)):>28} | {err.item():.2e}")
xc = x.detach().float().requires_grad_()
Wf = W.float()
y = torch.tanh(Wf @ xc).pow(2).sum()
y.backward()
print("float32 grad", xc.grad)
