"""torch.testing.assert_close on the engine: PyTorch's tolerances, pairing rules and messages."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine
from engine.testing import assert_close

CASES = [
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 2.1])),
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 2.], dtype=t.float64)),
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 2., 3.])),
    lambda t: t.testing.assert_close(1.0, 1.1),
    lambda t: t.testing.assert_close(t.tensor(1.), 1.0),
    lambda t: t.testing.assert_close(t.tensor([[1., 2.], [3., 4.]]), t.tensor([[1., 2.], [3.5, 4.]])),
    lambda t: t.testing.assert_close(t.tensor([1, 2]), t.tensor([1, 3])),
    lambda t: t.testing.assert_close(t.tensor([1., float("nan")]), t.tensor([1., float("nan")])),
    lambda t: t.testing.assert_close(t.tensor([1., float("nan")]), t.tensor([1., float("nan")]),
                                     equal_nan=True),
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 2.1]), rtol=0.1, atol=0),
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 2.1]), msg="grads differ"),
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 2.1]),
                                     msg=lambda m: "X " + m),
    lambda t: t.testing.assert_close([t.tensor(1.), t.tensor(2.)], [t.tensor(1.), t.tensor(2.5)]),
    lambda t: t.testing.assert_close({"a": t.tensor(1.)}, {"a": t.tensor(2.)}),
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 2.1]), rtol=1e-3),
    lambda t: t.testing.assert_allclose(t.tensor([1., 2.]), t.tensor([1., 2.1])),
    lambda t: t.testing.assert_close(t.tensor(1., dtype=t.float64), t.tensor(1.2, dtype=t.float64)),
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), t.tensor([1., 2.1]).double(),
                                     check_dtype=False),
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), [1., 2.]),
    lambda t: t.testing.assert_close(t.tensor([1., 2.]), np.array([1., 2.], dtype=np.float32)),
    lambda t: t.testing.assert_close(np.array([1., 2.]), np.array([1., 2.5])),
    lambda t: t.testing.assert_close([1., 2.], [1., 2., 3.]),
    lambda t: t.testing.assert_close(1, 1.0),
    lambda t: t.testing.assert_close(1, 2),
    lambda t: t.testing.assert_close(t.tensor([0., 2.]), t.tensor([1e-3, 2.1])),
    lambda t: t.testing.assert_close(t.tensor([True]), t.tensor([False])),
    lambda t: t.testing.assert_close(t.tensor([1., 2.], requires_grad=True), t.tensor([1., 2.])),
    lambda t: t.testing.assert_close(t.nn.Parameter(t.ones(1)), t.ones(1)),
    lambda t: t.testing.assert_close(t.arange(12.).reshape(3, 4),
                                     t.arange(12.).reshape(3, 4) + t.eye(3, 4) * 0.01),
]


def _outcome(case, lib) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            case(lib)
        except Exception as exc:  # noqa: BLE001 - the outcome is what is compared
            return f"{type(exc).__name__}: {exc}"
    return "OK"


@pytest.mark.parametrize("index", range(len(CASES)))
def test_outcome_is_pytorchs(index):
    torch = pytest.importorskip("torch")
    import torch.testing  # noqa: F401

    import engine.nn  # noqa: F401  (the cases reach torch.nn as an attribute)
    import engine.testing  # noqa: F401

    assert _outcome(CASES[index], engine) == _outcome(CASES[index], torch)


def test_messages_a_student_reads():
    with pytest.raises(AssertionError) as info:
        assert_close(engine.tensor([1.0, 2.0]), engine.tensor([1.0, 2.1]))
    assert str(info.value) == (
        "Tensor-likes are not close!\n\nMismatched elements: 1 / 2 (50.0%)\n"
        "Greatest absolute difference: 0.09999990463256836 at index (1,) (up to 1e-05 allowed)\n"
        "Greatest relative difference: 0.04761900380253792 at index (1,) (up to 1.3e-06 allowed)")
    with pytest.raises(AssertionError, match=r"^The values for attribute 'dtype' do not match: "
                                             r"torch.float32 != torch.float64.$"):
        assert_close(engine.ones(2), engine.ones(2, dtype=engine.float64))
    with pytest.raises(TypeError, match="No comparison pair was able to handle inputs of type "
                                        "<class 'torch.Tensor'> and <class 'float'>."):
        assert_close(engine.tensor(1.0), 1.0)
    with pytest.raises(ValueError, match="got no atol"):
        assert_close(engine.ones(1), engine.ones(1), rtol=0.1)


def test_gradient_checks_pass_within_float32_noise():
    x = engine.tensor([0.3, 1.7, -2.0], requires_grad=True)
    (x.sin() * x).sum().backward()
    assert_close(x.grad, (x.sin() + x * x.cos()).detach())
    assert_close(x.grad, x.grad * (1 + 1e-7))  # within rtol 1.3e-6
    with pytest.raises(AssertionError):
        assert_close(x.grad, x.grad * 2)
