import torch

# ターゲット側を detach して片側だけに勾配を流す (stop-gradient)
w = torch.tensor([1.0, 2.0], requires_grad=True)
x = torch.tensor([0.5, -1.0])
pred = (w * x).sum()
target = (w ** 2).sum()
loss1 = (pred - target) ** 2
loss1.backward(retain_graph=True)
print(w.grad)
w.grad.zero_()
loss2 = (pred - target.detach()) ** 2
loss2.backward()
print(w.grad)
w.grad.zero_()
loss3 = (pred.detach() - target) ** 2
loss3.backward()
print(w.grad)
print(loss1.item(), loss2.item(), loss3.item())
d = w.detach()
d[0] = 10.0
print(w)
e = w.detach().clone()
e[1] = -5.0
print(w, e)
