"""Creation functions with an explicit dtype convert each Python number once, as PyTorch does:
torch.tensor(0.7234567890123456, dtype=torch.float64) keeps all 53 bits even though the default
dtype is float32, ints reach float tensors the way PyTorch's kernels take them, and typed
elements of a list (tensors, numpy scalars) take part in dtype inference."""
from __future__ import annotations

import numpy as np
import pytest

import engine

V = 0.7234567890123456          # not representable in float32
BIG = 2 ** 54 + 2 ** 30 + 1      # rounds differently through a double than straight to float32

# Each case builds a tensor from library `t`; the engine and torch must agree on dtype and bits.
CASES = {
    "tensor_scalar_f64": lambda t: t.tensor(V, dtype=t.float64),
    "tensor_list_f64": lambda t: t.tensor([V, 1.1, -0.1], dtype=t.float64),
    "tensor_nested_f64": lambda t: t.tensor([[V], [0.1]], dtype=t.float64),
    "tensor_tuple_f64": lambda t: t.tensor((V, 2), dtype=t.float64),
    "tensor_mixed_f64": lambda t: t.tensor([1, 2.5, True], dtype=t.float64),
    "tensor_huge_f64": lambda t: t.tensor(1e300, dtype=t.float64),
    "tensor_huge_f32": lambda t: t.tensor(1e300, dtype=t.float32),
    "tensor_f16": lambda t: t.tensor([V, 65519.0, 1e-8], dtype=t.float16),
    "tensor_float_to_int": lambda t: t.tensor([1.7, -1.7], dtype=t.int64),
    "tensor_float_to_bool": lambda t: t.tensor([0.5, 0.0], dtype=t.bool),
    "tensor_int_f64": lambda t: t.tensor(2 ** 53 + 1, dtype=t.float64),
    "tensor_int_f32": lambda t: t.tensor(BIG, dtype=t.float32),
    "tensor_int_list_f32": lambda t: t.tensor([BIG, 1], dtype=t.float32),
    "tensor_requires_grad_f64": lambda t: t.tensor(V, dtype=t.float64, requires_grad=True),
    "tensor_numpy_f32_to_f64": lambda t: t.tensor(np.float32(0.1), dtype=t.float64),
    "tensor_array_to_f64": lambda t: t.tensor(np.array([V]), dtype=t.float64),
    "tensor_default": lambda t: t.tensor([V]),
    "as_tensor_scalar_f64": lambda t: t.as_tensor(V, dtype=t.float64),
    "as_tensor_list_f64": lambda t: t.as_tensor([V, 0.1], dtype=t.float64),
    "as_tensor_default": lambda t: t.as_tensor([V]),
    "full_f64": lambda t: t.full((2,), V, dtype=t.float64),
    "full_default": lambda t: t.full((2,), V),
    "full_int_f32": lambda t: t.full((1,), BIG, dtype=t.float32),
    "full_int_f64": lambda t: t.full((1,), BIG, dtype=t.float64),
    "full_bool_f32": lambda t: t.full((1,), True, dtype=t.float32),
    "full_float_int": lambda t: t.full((1,), 2.5, dtype=t.int64),
    "full_inf": lambda t: t.full((2,), float("-inf")),
    "full_like_f64": lambda t: t.full_like(t.zeros(2, dtype=t.float64), V),
    "full_like_int_f32": lambda t: t.full_like(t.zeros(1), BIG),
    "scalar_tensor_f64": lambda t: t.scalar_tensor(V, dtype=t.float64),
    "scalar_tensor_int": lambda t: t.scalar_tensor(BIG),
    "new_tensor_f64_self": lambda t: t.zeros(1, dtype=t.float64).new_tensor(V),
    "new_tensor_f64_arg": lambda t: t.zeros(1).new_tensor([V], dtype=t.float64),
    "new_full_f64": lambda t: t.zeros(1, dtype=t.float64).new_full((2,), V),
    "double_tensor": lambda t: t.DoubleTensor([V]),
    "arange_f64": lambda t: t.arange(0, V * 3, V, dtype=t.float64),
    "linspace_f64": lambda t: t.linspace(0, V, 3, dtype=t.float64),
    "list_of_f64_tensors": lambda t: t.tensor([t.tensor(V, dtype=t.float64), 1.0]),
    "list_of_f32_tensors_to_f64": lambda t: t.tensor([t.tensor(V), 1.0], dtype=t.float64),
    "list_int32_tensor_int": lambda t: t.tensor([t.tensor(1, dtype=t.int32), 2]),
    "list_int32_tensor_float": lambda t: t.tensor([t.tensor(1, dtype=t.int32), 2.5]),
    "list_bool_tensor_int": lambda t: t.tensor([t.tensor(True), 2]),
    "list_f16_f64_tensors": lambda t: t.tensor([t.tensor(1.0, dtype=t.float16),
                                                t.tensor(V, dtype=t.float64)]),
    "list_numpy_f32": lambda t: t.tensor([np.float32(1.5), 2.0]),
    "list_numpy_f64": lambda t: t.tensor([np.float64(V)]),
    "list_numpy_i32": lambda t: t.tensor([np.int32(1)]),
}


def _check(e, t) -> None:
    assert repr(e.dtype) == repr(t.dtype)
    assert e.requires_grad == t.requires_grad
    np.testing.assert_array_equal(e.detach().numpy(), t.detach().numpy())
    assert e.detach().tolist() == t.detach().tolist()


@pytest.mark.torch
@pytest.mark.parametrize("name", sorted(CASES))
def test_creation_matches_pytorch(name):
    torch = pytest.importorskip("torch")
    _check(CASES[name](engine), CASES[name](torch))


@pytest.mark.torch
@pytest.mark.parametrize("fn", [
    lambda t: t.scalar_tensor(1e300),
    lambda t: t.full((1,), 1e300),
    lambda t: t.full_like(t.zeros(1), -1e300),
])
def test_fill_overflow_error_matches_pytorch(fn):
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError) as expected:
        fn(torch)
    with pytest.raises(RuntimeError, match=str(expected.value)):
        fn(engine)


def test_float64_keeps_every_bit_without_torch():
    assert engine.tensor(V, dtype=engine.float64).item() == V
    assert engine.tensor([V, 0.1], dtype=engine.float64).tolist() == [V, 0.1]
    assert engine.as_tensor([[V]], dtype=engine.float64).tolist() == [[V]]
    assert engine.tensor(V, dtype=engine.float32).item() == float(np.float32(V))
    assert engine.tensor(V).dtype is engine.float32
    assert engine.full((1,), V, dtype=engine.float64).item() == V


def test_copies_and_sharing():
    arr = np.array([V])
    t = engine.tensor(arr, dtype=engine.float64)
    arr[0] = 0.0
    assert t.item() == V                       # tensor() copies even when no cast is needed
    shared = engine.as_tensor(arr, dtype=engine.float64)
    arr[0] = 1.0
    assert shared.item() == 1.0                # as_tensor shares when the dtype already matches
    src = engine.tensor([V], dtype=engine.float64)
    with pytest.warns(UserWarning):
        copy = engine.tensor(src)
    src.add_(1)
    assert copy.item() == V and copy.dtype is engine.float64


def test_default_float64_then_explicit_float32():
    try:
        engine.set_default_dtype(engine.float64)
        assert engine.tensor([V]).item() == V
        assert engine.tensor([V], dtype=engine.float32).item() == float(np.float32(V))
    finally:
        engine.set_default_dtype(engine.float32)


def test_inference_errors_unchanged():
    with pytest.raises(ValueError, match="too many dimensions 'str'"):  # torch 2.13's words
        engine.tensor(["a"], dtype=engine.float64)
    with pytest.raises(ValueError, match=r"^expected sequence of length 1 at dim 1 \(got 2\)$"):
        engine.tensor([[1.0], [1.0, 2.0]], dtype=engine.float64)
    with pytest.raises(RuntimeError, match="floating point"):
        engine.tensor([1], dtype=engine.int64, requires_grad=True)
