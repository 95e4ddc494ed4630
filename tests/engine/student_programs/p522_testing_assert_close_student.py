import torch
from torch.testing import assert_close
torch.manual_seed(17)
x = torch.randn(4, requires_grad=True)
y = torch.sigmoid(x)
y.sum().backward()
manual = y * (1 - y)
assert_close(x.grad, manual.detach())
print("sigmoid grad ok")
try:
    assert_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.1]))
except AssertionError as e:
    print("caught:\n", e)
try:
    assert_close(torch.tensor([1, 2]), torch.tensor([1.0, 2.0]))
except Exception as e:
    print(type(e).__name__, e)
assert_close(torch.tensor([1, 2]), torch.tensor([1.0, 2.0]), check_dtype=False)
print("close with check_dtype=False")
assert_close(torch.tensor(1.0), torch.tensor(1.0 + 1e-6))
print(torch.allclose(torch.tensor([1.0]), torch.tensor([1.001]), atol=1e-2))
print(torch.isclose(torch.randn(3), torch.randn(3)))
assert_close(torch.zeros(3), torch.zeros(2))
