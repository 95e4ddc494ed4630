import torch

A = torch.tensor([[10.0, 0.0], [0.0, 1.0]])
for name, kw in [("plain", {}), ("momentum", {"momentum": 0.9}),
                 ("nesterov", {"momentum": 0.9, "nesterov": True}),
                 ("dampening", {"momentum": 0.9, "dampening": 0.5})]:
    x = torch.tensor([1.0, 1.0], requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.05, **kw)
    for t in range(30):
        opt.zero_grad()
        loss = 0.5 * x @ A @ x
        loss.backward()
        opt.step()
        if t % 10 == 9:
            print(name, t + 1, round(loss.item(), 6), x.data)
    print(opt.state_dict()["param_groups"])
