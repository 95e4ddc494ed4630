"""Indexing and in-place writes: values and gradients, literal and against PyTorch."""
import re

import numpy as np
import pytest

import engine

INDICES = [
    "0", "-1", "slice(1, None)", "slice(None, None, 2)", "(0, 1)", "(slice(None), 1)", "(Ellipsis, 0)", "(None, 0)", "[0, 0, 2]",
    "([0, 2], [1, 1])", "(slice(1, None), [0, 2])", "'mask'", "(1, slice(0, 3))",
    "([[0], [2]], [1, 3])", "'tensor'",
]


def _index(lib, x, spec):
    if spec == "'mask'":
        return x > 0
    if spec == "'tensor'":
        return lib.tensor([2, 0, 2])
    return eval(spec)


@pytest.mark.parametrize("spec", INDICES)
def test_getitem_gradient_scatters_back(spec):
    # No zero entries: the mask case must select the same elements under finite differences.
    x = engine.tensor(np.arange(12.0).reshape(3, 4) - 5.5, dtype=engine.float64, requires_grad=True)
    assert engine.gradcheck(lambda t: t[_index(engine, t, spec)] * 1.5, (x,))


@pytest.mark.torch
@pytest.mark.parametrize("spec", INDICES)
def test_getitem_matches_pytorch(spec):
    import torch

    data = np.arange(12.0).reshape(3, 4) - 5.5
    results = []
    for lib in (engine, torch):
        x = lib.tensor(data, requires_grad=True)
        y = x[_index(lib, x.detach(), spec)]
        w = lib.tensor(np.cos(np.arange(y.numel())).reshape(tuple(y.shape)), dtype=y.dtype)
        (y * w).sum().backward()
        results.append((y.detach().numpy(), x.grad.numpy(), y.grad_fn.name()))
    (ev, eg, en), (tv, tg, tn) = results
    np.testing.assert_array_equal(ev, tv)
    np.testing.assert_array_equal(eg, tg)
    assert en == tn


PROGRAMS = [
    "y = x * 2; y[0] = 0.0; out = y",
    "y = x * 1; y[:, 1] = x[:, 0] * 3; out = y",
    "y = x.clone(); y[y > 0] = y[y > 0] ** 2; out = y",
    "y = x * 2; y.add_(1); y.mul_(x); out = y",
    "y = x.exp() * 1; y.clamp_(max=3.0); out = y * x",
    "y = x + 0; y.sub_(x * 0.5).div_(2); out = y",
    "y = x.sin(); y.zero_(); out = y + x",
    "y = x * 1; y[[0, 0]] = 5.0; out = y * x",
    "y = x * 3; y.copy_(x ** 2); out = y",
]


@pytest.mark.torch
@pytest.mark.parametrize("program", PROGRAMS)
def test_inplace_and_setitem_programs_match_pytorch(program):
    import torch

    data = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
    results = []
    for lib in (engine, torch):
        x = lib.tensor(data, requires_grad=True)
        ns = {"x": x, "lib": lib}
        exec(program, ns)
        out = ns["out"]
        out.sum().backward()
        results.append((out.detach().numpy(), x.grad.numpy()))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-6)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-6)


def test_inplace_program_literal_gradient():
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 1
    y[0] = x[1] * 3  # y = [3 x1, x1]
    (y * engine.tensor([1.0, 10.0])).sum().backward()
    assert x.grad.tolist() == [0.0, 13.0]


INVALID_FOR_BACKWARD = [
    "y = x.exp(); y.clamp_(max=3.0); out = y * x",          # exp saved its output
    "c = lib.ones(2, 3); y = x * c; c.add_(1); out = y",    # mul saved c
    "y = x * 2; z = y * y; y.add_(1); out = z",             # mul saved y, then y changed
    "h = lib.relu(x); h += 1; out = h * h",                 # relu saved its output
]


@pytest.mark.parametrize("program", INVALID_FOR_BACKWARD)
def test_modified_saved_tensor_raises_like_pytorch(program):
    x = engine.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
    ns = {"x": x, "lib": engine}
    exec(program, ns)
    with pytest.raises(RuntimeError, match="has been modified by an inplace operation"):
        ns["out"].sum().backward()


@pytest.mark.torch
@pytest.mark.parametrize("program", INVALID_FOR_BACKWARD)
def test_modified_saved_tensor_message_matches_pytorch(program):
    import torch

    messages = []
    for lib in (engine, torch):
        x = lib.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
        ns = {"x": x, "lib": lib}
        exec(program, ns)
        with pytest.raises(RuntimeError) as e:
            ns["out"].sum().backward()
        messages.append(str(e.value))
    assert messages[0] == messages[1]


def test_range_indices_masks_of_the_wrong_shape_and_gather_mistakes():
    X = engine.arange(24.0).reshape(2, 3, 4)
    assert X[range(2), [0, 1]].shape == (2, 4)
    with pytest.raises(IndexError, match=re.escape(
            "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor "
            "[3, 4] at index 0")):
        X[0, engine.tensor([True, False])]
    logp = engine.zeros(2, 3)
    with pytest.raises(RuntimeError, match="Index tensor must have the same number of dimensions"):
        logp.gather(1, engine.tensor([2, 0]))  # the classic y instead of y.unsqueeze(1)
    with pytest.raises(RuntimeError, match="index -1 is out of bounds for dimension 1 with size 3"):
        logp.gather(1, engine.tensor([[-1], [0]]))
