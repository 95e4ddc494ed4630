import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
h = w * 3
print(h.requires_grad, h.is_leaf)
h_const = h.detach()
h_const.requires_grad = True
print(h_const.is_leaf, h_const.requires_grad)
w.requires_grad = False
print(w.requires_grad, (w * 3).requires_grad)
w.requires_grad = True
h.requires_grad = False
