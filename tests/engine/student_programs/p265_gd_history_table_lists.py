import torch

# f(x, y) = (x - 1)^2 + 10 (y + 2)^2 の勾配降下、履歴をリストに保存して表示
p = torch.tensor([4.0, 2.0], requires_grad=True)
history = []
lr = 0.04
for k in range(30):
    loss = (p[0] - 1) ** 2 + 10 * (p[1] + 2) ** 2
    history.append((k, loss.item(), p.detach().clone()))
    loss.backward()
    with torch.no_grad():
        p.sub_(lr * p.grad)
        p.grad.zero_()
for k, l, q in history[::6]:
    print(k, round(l, 5), q)
print(history[-1][2].tolist())
traj = torch.stack([h[2] for h in history])
print(traj.shape)
print(traj[:5])
print(traj[-3:])
print(p)
# 1 要素テンソル (形 [1]) のリストを torch.tensor でまとめる
firsts = [h[2][:1] for h in history[:4]]
print(firsts[0].shape, torch.tensor(firsts))
print(torch.tensor([h[2][1:] for h in history[-2:]], dtype=torch.float64))
