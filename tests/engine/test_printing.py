"""repr(tensor) as PyTorch 2.13 prints it: literal cases, and many random tensors against torch."""
import numpy as np
import pytest

import engine

CASES = [
    (lambda t: t.tensor(8.0), "tensor(8.)"),
    (lambda t: t.tensor([2.0, 3.0, 4.0]), "tensor([2., 3., 4.])"),
    (lambda t: t.tensor(3.0, requires_grad=True), "tensor(3., requires_grad=True)"),
    (lambda t: t.tensor(3.0, requires_grad=True) + 1, "tensor(4., grad_fn=<AddBackward0>)"),
    (lambda t: t.tensor([1, 2]), "tensor([1, 2])"),
    (lambda t: t.tensor(1.0, dtype=t.float64), "tensor(1., dtype=torch.float64)"),
    (lambda t: t.tensor([0.1, 2.25]), "tensor([0.1000, 2.2500])"),
    (lambda t: t.tensor([1e-5, 1.0]), "tensor([1.0000e-05, 1.0000e+00])"),
    (lambda t: t.tensor([1e9, 1.0]), "tensor([1.0000e+09, 1.0000e+00])"),
    (lambda t: t.tensor([-1.5, 10.25, 100.0]), "tensor([ -1.5000,  10.2500, 100.0000])"),
    (lambda t: t.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), "tensor([[1., 2., 3.],\n        [4., 5., 6.]])"),
    (lambda t: t.zeros(0, 3), "tensor([], size=(0, 3))"),
    (lambda t: t.tensor([]), "tensor([])"),
    (lambda t: t.tensor([], dtype=t.int64), "tensor([], dtype=torch.int64)"),
    (lambda t: t.tensor([True, False]), "tensor([ True, False])"),
    (lambda t: t.tensor([1, 2], dtype=t.int32), "tensor([1, 2], dtype=torch.int32)"),
    (lambda t: t.tensor([float("nan"), float("inf"), 1.0]), "tensor([nan, inf, 1.])"),
    (lambda t: t.tensor(-218.46246), "tensor(-218.4625)"),
    (lambda t: t.tensor(0.0), "tensor(0.)"),
    (lambda t: t.arange(12).reshape(2, 2, 3),
     "tensor([[[ 0,  1,  2],\n         [ 3,  4,  5]],\n\n        [[ 6,  7,  8],\n         [ 9, 10, 11]]])"),
    (lambda t: t.arange(2000.0),
     "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])"),
    (lambda t: t.arange(30.0) / 7,
     "tensor([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,\n"
     "        1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,\n"
     "        2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,\n"
     "        3.8571, 4.0000, 4.1429])"),
]


@pytest.mark.parametrize("make,expected", CASES, ids=[c[1][:40] for c in CASES])
def test_literal_reprs(make, expected):
    assert repr(make(engine)) == expected


def test_size_and_grad_fn_reprs():
    x = engine.ones(2, 3, requires_grad=True)
    assert repr(x.shape) == "torch.Size([2, 3])"
    assert str(x.size()) == "torch.Size([2, 3])"
    assert repr(engine.float32) == "torch.float32"
    y = (x * 2).sum()
    assert repr(y) == "tensor(12., grad_fn=<SumBackward0>)"


def _random_arrays(seed: int, count: int):
    rng = np.random.default_rng(seed)
    for i in range(count):
        ndim = int(rng.integers(0, 4))
        shape = tuple(int(s) for s in rng.integers(1, 6, size=ndim))
        scale = 10.0 ** rng.integers(-6, 10)
        kind = i % 6
        if kind == 0:
            arr = rng.normal(size=shape) * scale
        elif kind == 1:
            arr = np.round(rng.normal(size=shape) * 100)
        elif kind == 2:
            arr = rng.integers(-1000, 1000, size=shape)
        elif kind == 3:
            arr = rng.normal(size=shape) * rng.choice([1e-3, 1, 1e4], size=shape)
        elif kind == 4:
            arr = rng.normal(size=(int(rng.integers(900, 1500)),)) * scale
        else:
            arr = rng.normal(size=(int(rng.integers(30, 60)), int(rng.integers(30, 60))))
        yield arr.astype(np.float32 if kind != 2 else np.int64)


@pytest.mark.torch
def test_reprs_match_pytorch_on_random_tensors():
    import torch

    for arr in _random_arrays(0, 300):
        assert repr(engine.tensor(arr)) == repr(torch.tensor(arr))
        if arr.dtype == np.float32:
            assert repr(engine.tensor(arr, dtype=engine.float64)) == repr(torch.tensor(arr, dtype=torch.float64))
            e = engine.tensor(arr, requires_grad=True)
            t = torch.tensor(arr, requires_grad=True)
            assert repr(e) == repr(t)
            assert repr(e * 2) == repr(t * 2)


@pytest.mark.torch
@pytest.mark.parametrize("make", [c[0] for c in CASES], ids=[c[1][:40] for c in CASES])
def test_literal_cases_match_pytorch(make):
    import torch

    assert repr(make(engine)) == repr(make(torch))


def test_set_printoptions_precision_and_restore():
    try:
        engine.set_printoptions(precision=2)
        assert repr(engine.tensor([0.12345, 1.0])) == "tensor([0.12, 1.00])"
        engine.set_printoptions(sci_mode=True)
        assert repr(engine.tensor([1.5])) == "tensor([1.50e+00])"
    finally:
        engine.set_printoptions(profile="default")
    assert repr(engine.tensor([0.12345, 1.0])) == "tensor([0.1235, 1.0000])"


def test_sci_mode_option_decides_before_the_column_width():
    # torch 2.x: a forced fixed format pads to the fixed-format width, not the sci one.
    try:
        engine.set_printoptions(precision=1, sci_mode=False)
        assert repr(engine.tensor([1e-5, 1.0])) == "tensor([0.0, 1.0])"
        engine.set_printoptions(sci_mode=True)
        assert repr(engine.tensor([1.0, 20.0])) == "tensor([1.0e+00, 2.0e+01])"
    finally:
        engine.set_printoptions(profile="default")


def test_float64_and_parameters_of_printing_suffix_wrapping():
    x = engine.arange(20.0, dtype=engine.float64).reshape(4, 5) / 3
    x.requires_grad_()
    expected = (
        "tensor([[0.0000, 0.3333, 0.6667, 1.0000, 1.3333],\n"
        "        [1.6667, 2.0000, 2.3333, 2.6667, 3.0000],\n"
        "        [3.3333, 3.6667, 4.0000, 4.3333, 4.6667],\n"
        "        [5.0000, 5.3333, 5.6667, 6.0000, 6.3333]], dtype=torch.float64,\n"
        "       requires_grad=True)"
    )
    assert repr(x) == expected
