import torch

params = [torch.tensor(1.0, requires_grad=True), torch.tensor([2.0, 3.0], requires_grad=True)]
print(params)
loss = params[0] * params[1].sum()
loss.backward()
print([p.grad for p in params])
print((params[0].grad, params[1].grad))
print({"a": torch.tensor(1.5), "b": torch.tensor([1, 2])})
history = []
for i in range(3):
    history.append(torch.tensor(float(i)) ** 2)
print(history)
print(str(torch.tensor([0.1, 0.2])))
print(repr(torch.tensor(0.5)))
print("value: " + str(torch.tensor(2.0)))
print("%s" % torch.tensor([1, 2]))
print("{}".format(torch.tensor(3.0)))
print(f"{torch.tensor([1.0, 2.0])}")
