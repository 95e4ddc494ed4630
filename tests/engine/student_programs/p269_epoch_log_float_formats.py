import torch

# 学生のログ出力いろいろ (テンソルと float の書式)
w = torch.tensor([0.5, -0.25], requires_grad=True)
X = torch.tensor([[1.0, 2.0], [2.0, 0.5], [-1.0, 1.0], [0.0, -2.0]])
y = torch.tensor([1.0, 2.0, -1.5, 0.5])
for epoch in range(1, 6):
    loss = ((X @ w - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad.zero_()
    print("epoch", epoch, "loss", loss)
    print("epoch %d loss %.5f" % (epoch, loss))
    print("epoch {} loss {:.3e} w {}".format(epoch, loss.item(), w.data))
    print(f"epoch {epoch}: {loss=}")
print(f"{w[0]:.3f}, {w[1].item():+.3f}")
print(str(loss.detach()), repr(loss.item()), float(loss))
print(round(loss.item(), 4), round(float(w[0]), 4))
