"""In-place ops on views while autograd records: the base sees the new values and its node
becomes CopySlices, the view's AsStridedBackward0; views of leaves and overlapping (expanded)
memory are refused with PyTorch's messages."""
from __future__ import annotations

import numpy as np
import pytest

import engine as torch


def test_in_place_on_an_index_view_rewrites_the_base():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    h = x * 2
    h[0].mul_(10)
    assert h.tolist() == [20.0, 4.0, 6.0] and type(h.grad_fn).__name__ == "CopySlices"
    h.sum().backward()
    assert x.grad.tolist() == [20.0, 2.0, 2.0]


def test_in_place_on_shape_views_and_chains():
    x = torch.tensor([[-1.0, 2.0], [3.0, -4.0]], requires_grad=True)
    y = x * 1.0
    y.view(-1).clamp_(min=0)
    assert y.tolist() == [[0.0, 2.0], [3.0, 0.0]]
    y.sum().backward()
    assert x.grad.tolist() == [[0.0, 1.0], [1.0, 0.0]]
    x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    h = x * 1.0
    v = h[1:3]
    v.mul_(x[:2])
    v.add_(1)
    assert h.tolist() == [1.0, 3.0, 7.0, 4.0] and v.grad_fn.name() == "AsStridedBackward0"
    (h ** 2).sum().backward()
    assert x.grad.tolist() == [14.0, 48.0, 28.0, 8.0]  # PyTorch's numbers
    x.grad = None
    m = x.reshape(2, 2) * 1.0
    m.t()[0].zero_()  # a view of a view: the first column
    assert m.tolist() == [[0.0, 2.0], [0.0, 4.0]]
    (m * torch.arange(4.0).reshape(2, 2)).sum().backward()
    assert x.grad.tolist() == [0.0, 1.0, 0.0, 3.0]


def test_a_base_without_grad_starts_recording():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    out = torch.zeros(4)
    out[0:2].add_(x ** 2)
    assert out.requires_grad and out.tolist() == [1.0, 4.0, 0.0, 0.0]
    out.sum().backward()
    assert x.grad.tolist() == [2.0, 4.0]


def test_second_derivatives_through_copy_slices():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x * x
    h[1:].mul_(3)
    (g,) = torch.autograd.grad(h.sum(), x, create_graph=True)
    assert g.tolist() == [2.0, 12.0]
    g.sum().backward()
    assert x.grad.tolist() == [2.0, 6.0]


@pytest.mark.parametrize("op", [lambda w: w[0].mul_(2), lambda w: w.view(3, 1).add_(1),
                                lambda w: w.t()[1:].zero_(), lambda w: w.unsqueeze(0).clamp_(0, 1)])
def test_views_of_a_leaf_are_refused(op):
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="^a view of a leaf Variable that requires grad is "
                                           "being used in an in-place operation.$"):
        op(w)
    with torch.no_grad():
        w[0].mul_(5)  # without recording it is an ordinary write into w
    assert w.tolist() == [5.0, 2.0, 3.0]


def test_expanded_memory_is_refused():
    e = torch.ones(3).expand(2, 3)
    with pytest.raises(RuntimeError, match="more than one element of the written-to tensor "
                                           "refers to a single memory location"):
        e.add_(1)


def test_matches_pytorch():
    real = pytest.importorskip("torch")
    for lib in (torch, real):
        x = lib.tensor([0.5, -1.0, 2.0, 3.0], requires_grad=True)
        h = x.exp() * 1.0
        h[::2].mul_(x[1:3])
        h.view(2, 2)[1].sub_(x[:2] ** 2)
        (h.sin() * lib.arange(4.0)).sum().backward()
        if lib is torch:
            ours = (h.detach().numpy(), x.grad.numpy())
        else:
            np.testing.assert_allclose(ours[0], h.detach().numpy(), rtol=1e-6)
            np.testing.assert_allclose(ours[1], x.grad.numpy(), rtol=1e-6)


def test_assigning_into_a_view_writes_into_its_base():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    h = x * 2
    v = h[1:]
    v[0] = x[0] * 10
    assert h.tolist() == [2.0, 10.0, 6.0] and v.tolist() == [10.0, 6.0]
    (h * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
    assert x.grad.tolist() == [22.0, 0.0, 6.0]  # PyTorch's numbers


def test_views_and_detached_aliases_share_the_version_counter():
    x = torch.zeros(2, 3)
    row, alias, data = x[0], x.detach(), x.data
    row.add_(1)
    assert (x._version, row._version, alias._version) == (1, 1, 1)
    x += 1
    alias[0, 0] = 5
    assert (x._version, row._version, alias._version) == (3, 3, 3)
    assert data._version == 0  # `.data` is the untracked alias: its own counter
    assert row.tolist() == [5.0, 2.0, 2.0]


def test_changing_a_saved_tensor_through_a_detached_alias_is_caught():
    w = torch.ones(2, requires_grad=True)
    a = w * 3
    z = (a * a).sum()
    a.detach().zero_()
    with pytest.raises(RuntimeError, match="modified by an inplace operation.*output 0 of Mul"):
        z.backward()


def test_changing_a_saved_tensor_through_data_goes_unnoticed_as_in_pytorch():
    w = torch.ones(2, requires_grad=True)
    a = w * 3
    z = (a * a).sum()
    a.data.zero_()  # the classic reason not to use .data: backward silently uses the new values
    z.backward()
    assert w.grad.tolist() == [0.0, 0.0]


def test_changing_a_view_of_a_saved_tensor_is_caught():
    x = torch.ones(3, requires_grad=True)
    e = x.exp()
    y = e.sum()
    e[1:].detach().mul_(2)
    with pytest.raises(RuntimeError, match=r"is at version 1; expected version 0"):
        y.backward()


def test_a_product_keeps_only_what_torch_saves():
    # torch saves `other` of x * w only when x needs a gradient: changing w in place before
    # backward is fine when x is a constant (a Linear layer's weight updated under no_grad)
    torch.manual_seed(0)
    lin = torch.nn.Linear(3, 2)
    loss = lin(torch.randn(4, 3)).sum()
    with torch.no_grad():
        lin.weight.mul_(2)
    loss.backward()
    assert lin.bias.grad.tolist() == [4.0, 4.0]
    w, x = torch.ones(2, requires_grad=True), torch.ones(2)
    y = (w * x).sum()
    x.mul_(2)  # but x, which w's gradient reads, is checked
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.backward()
    assert torch.ones(2, requires_grad=True).mul(2).grad_fn._saved_self is None


@pytest.mark.parametrize("write, name", [
    (lambda y: y.__setitem__(0, 5.0), "CopySlices"),
    (lambda y: y.__setitem__([0, 2], 1.0), "IndexPutBackward0"),
    (lambda y: y.__setitem__(y > 1, 0.0), "IndexPutBackward0"),
    (lambda y: y.__setitem__(Ellipsis, 5.0), "FillBackward3"),
    (lambda y: y.__setitem__(slice(None), torch.ones(4)), "CopyBackwards"),
    (lambda y: y.fill_(1.0), "FillBackward2"),
    (lambda y: y.zero_(), "ZeroBackward0"),
    (lambda y: y.copy_(torch.ones(4)), "CopyBackwards"),
])
def test_writes_into_a_tensor_in_a_graph_are_named_as_in_torch(write, name):
    x = torch.ones(4, requires_grad=True)
    y = x * 2
    write(y)
    assert type(y.grad_fn).__name__ == name
    y.backward(torch.tensor([-3.0, 1.0, 2.0, 4.0]))
    assert set(x.grad.tolist()) <= {-6.0, 2.0, 4.0, 8.0, 0.0}
    assert "-0." not in str(x.grad.tolist())  # overwritten places get +0, as torch's zeros


def test_softmax_keeps_its_output_not_its_input():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    z = x * 1
    p = torch.nn.functional.softmax(z, 0)
    z.add_(1)  # torch saved only the output: fine
    (p * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
    p = torch.nn.functional.softmax(x, 0)
    p.clamp_(0.1, 0.9)  # the saved output changed: caught
    with pytest.raises(RuntimeError, match="output 0 of Softmax"):
        p.sum().backward()
