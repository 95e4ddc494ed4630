"""dtype inference and PyTorch's type promotion (not numpy's)."""
import numpy as np
import pytest

import engine

INFER = [
    ("3.0", "float32"), ("3", "int64"), ("True", "bool"), ("[1, 2.5]", "float32"),
    ("[[1, 2], [3, 4]]", "int64"), ("np.array([1.0])", "float64"), ("np.array([1], dtype=np.int32)", "int32"),
    ("np.float64(2.0)", "float64"),
]


@pytest.mark.parametrize("data,dtype", INFER)
def test_tensor_dtype_inference(data, dtype):
    assert engine.tensor(eval(data)).dtype.name == dtype


PROMOTE = [
    "t.tensor([1, 2]) * 2.5",             # int64 tensor * float -> float32
    "t.tensor([1, 2]) * 2",                # stays int64
    "t.tensor([1, 2]) / t.tensor([2, 2])", # int / int -> float32
    "t.tensor([1.0], dtype=t.float64) + t.tensor([1.0])",
    "t.tensor(1.0, dtype=t.float64) + t.tensor([1.0])",   # 0-dim participates weakly
    "t.tensor([1, 2]) + t.tensor(1.5, dtype=t.float64)",  # 0-dim float brings its category and its width
    "t.tensor([1.0]) + np.float64(2.0)",
    "t.tensor([True]) + 1",
    "t.tensor([True]) + 1.5",
    "t.tensor([1], dtype=t.int32) + 1",
    "t.tensor([1], dtype=t.int32) + t.tensor([1])",
    "t.tensor([1.0], dtype=t.float64) * 2",
    "t.tensor([1, 2]) ** 2.0",
    "t.tensor([1, 2]).float() ** t.tensor(2)",
    "t.exp(t.tensor([1, 2]))",
    "t.tensor([1, 2]).sum()",
    "t.tensor([True, True]).sum()",
    "t.tensor([1.0]) > 0",
    "t.tensor([1, 2]) // 2",
    "t.where(t.tensor([True]), t.tensor([1]), 2.5)",
    "t.cat([t.tensor([1]), t.tensor([1.0])])",
    "t.arange(5)", "t.arange(0, 1, 0.25)", "t.zeros(2)", "t.full((2,), 3)", "t.full((2,), 3.0)",
    "t.tensor([1, 2]).float()", "t.tensor([1.5]).long()", "t.ones(2).double()",
    "t.ones(2, dtype=t.float64) @ t.ones(2, dtype=t.float64)",
]

EXPECTED = {
    "t.tensor([1, 2]) * 2.5": "float32",
    "t.tensor([1, 2]) / t.tensor([2, 2])": "float32",
    "t.tensor(1.0, dtype=t.float64) + t.tensor([1.0])": "float32",
    "t.tensor([1, 2]) + t.tensor(1.5, dtype=t.float64)": "float64",
    "t.tensor([1.0]) + np.float64(2.0)": "float32",
    "t.tensor([True]) + 1": "int64",
    "t.tensor([1], dtype=t.int32) + 1": "int32",
    "t.tensor([True, True]).sum()": "int64",
}


@pytest.mark.parametrize("expr", sorted(EXPECTED))
def test_promotion_follows_pytorch_not_numpy(expr):
    assert eval(expr, {"t": engine, "np": np}).dtype.name == EXPECTED[expr]


@pytest.mark.torch
@pytest.mark.parametrize("expr", PROMOTE)
def test_promotion_and_values_match_pytorch(expr):
    import torch

    e = eval(expr, {"t": engine, "np": np})
    t = eval(expr, {"t": torch, "np": np})
    assert repr(e.dtype) == repr(t.dtype)
    np.testing.assert_array_equal(e.numpy(), t.numpy())


def test_default_dtype_switch():
    try:
        engine.set_default_dtype(engine.float64)
        assert engine.tensor(1.0).dtype == engine.float64
        assert engine.get_default_dtype() is engine.float64
        assert repr(engine.tensor(1.0)) == "tensor(1.)"
        assert engine.tensor([1, 2]).dtype == engine.int64
    finally:
        engine.set_default_dtype(engine.float32)
    assert engine.zeros(1).dtype is engine.float32


def test_dtype_aliases():
    assert engine.float is engine.float32 and engine.double is engine.float64
    assert engine.long is engine.int64
    assert engine.tensor([1.0]).to(engine.float64).dtype is engine.float64
    assert engine.tensor([1.0]).type() == "torch.FloatTensor"
