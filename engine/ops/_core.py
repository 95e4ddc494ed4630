"""Shared plumbing for ops: operand conversion, torch type promotion, float64 evaluation.

PyTorch computes float32 exp, log, sin, cos, tan, tanh, erf, sqrt, atan, asin and acos (0-dim
tensors included) with Intel MKL's VML in high-accuracy mode: within one ulp, rounded correctly
for all but ~0.1-5% of inputs. MKL is closed source, so float_eval rounds the float64 result,
which is as close as the engine can get (plain float32 numpy is not). Functions whose torch
kernel is open (SLEEF, oneDNN, ATen's formulas) are replayed bit for bit in sleef_math and
vector_math instead. 0-dim inputs take a `math` module fast path: numpy's per-call overhead
dominates scalar exercises such as the 10001-step gradient-descent loop.
"""
from __future__ import annotations

import collections
import math

import numpy as np

from engine import dtypes
from engine.tensor import RESULT, Tensor, record, wrap

__all__ = [
    "F32", "F64", "RESULT", "Tensor", "record", "wrap", "tensor_of", "scalar_or_tensor", "binary",
    "return_type",
    "broadcast_error", "check_broadcast", "float_dtype", "int_in_dtype", "float_eval",
    "sigmoid_math", "sigmoid_np",
]

F32, F64 = dtypes.F32, dtypes.F64
_scalar_types = (float, int, bool)


def tensor_of(x) -> Tensor:
    """Convert an operand (Tensor, ndarray, Python or numpy scalar) to a Tensor."""
    if x.__class__ is Tensor or isinstance(x, Tensor):
        return x
    if isinstance(x, np.ndarray):
        return wrap(x)
    if isinstance(x, np.generic):
        return wrap(np.asarray(x))
    if isinstance(x, _scalar_types):
        return wrap(np.array(x, dtype=dtypes.result_type(x)))
    if isinstance(x, (list, tuple)):
        from engine.creation import tensor

        return tensor(x)
    raise TypeError(f"expected a Tensor or a number, got {type(x).__name__}")


def scalar_or_tensor(x):
    """Python numbers stay numbers (they promote weakly); everything else becomes a Tensor."""
    c = x.__class__
    if c is float or c is int or c is bool:
        return x
    if isinstance(x, np.generic):
        return x.item()
    return tensor_of(x)


RETURN_TYPES: list[type] = []  # the torch alias names their module torch.return_types


def return_type(name: str, fields: tuple[str, ...] = ("values", "indices")) -> type:
    """torch.return_types.<name>: a named tuple that prints as PyTorch prints it."""
    cls = collections.namedtuple(name, fields)
    cls.__repr__ = lambda self: (f"torch.return_types.{name}(\n"
                                 + ",\n".join(f"{f}={getattr(self, f)!r}" for f in fields) + ")")
    RETURN_TYPES.append(cls)
    return cls


def broadcast_error(sa: tuple, sb: tuple) -> RuntimeError:
    n = max(len(sa), len(sb))
    for i in range(1, n + 1):
        a = sa[-i] if i <= len(sa) else 1
        b = sb[-i] if i <= len(sb) else 1
        if a != b and a != 1 and b != 1:
            return RuntimeError(
                f"The size of tensor a ({a}) must match the size of tensor b ({b}) at "
                f"non-singleton dimension {n - i}"
            )
    return RuntimeError(f"shapes {sa} and {sb} cannot be broadcast")


def check_broadcast(ad, bd) -> None:
    sa, sb = np.shape(ad), np.shape(bd)
    if sa != sb:
        try:
            np.broadcast_shapes(sa, sb)
        except ValueError:
            raise broadcast_error(sa, sb) from None


def binary(a, b):
    """Promote two operands like PyTorch. Returns (a, b, a_data, b_data), data in the result dtype.

    At least one of a, b is a Tensor; a Python number comes back as a number (numpy treats it as
    weakly typed, like PyTorch), after the tensor side was cast if the number's category is higher.
    """
    if a.__class__ is Tensor:  # fast paths: same-dtype tensors, float tensor with a number
        ad = a._data
        bc = b.__class__
        if bc is Tensor:
            bd = b._data
            if ad.dtype is bd.dtype and ad.shape == bd.shape:
                return a, b, ad, bd
        elif (bc is float or bc is int) and ad.dtype.kind == "f":
            return a, b, ad, b
    a = scalar_or_tensor(a)
    b = scalar_or_tensor(b)
    if a.__class__ in _scalar_types:
        ad = a
        bd = b._data
        rt = _with_scalar(bd.dtype, a)
        if rt is not bd.dtype:
            bd = bd.astype(rt)
        elif a.__class__ is int and rt.kind in "iu":
            a = ad = int_in_dtype(a, rt)
        return a, b, ad, bd
    ad = a._data
    if b.__class__ in _scalar_types:
        rt = _with_scalar(ad.dtype, b)
        if rt is not ad.dtype:
            ad = ad.astype(rt)
        elif b.__class__ is int and rt.kind in "iu":
            b = int_in_dtype(b, rt)
        return a, b, ad, b
    bd = b._data
    if ad.dtype is not bd.dtype:
        rt = dtypes.result_type(ad, bd)
        ad = ad.astype(rt, copy=False)
        bd = bd.astype(rt, copy=False)
    if ad.shape != bd.shape:
        check_broadcast(ad, bd)
    return a, b, ad, bd


def _with_scalar(nd: np.dtype, s) -> np.dtype:
    k = nd.kind
    if k == "f":
        return nd
    if s.__class__ is float:
        return dtypes.default_float()
    if k == "b" and s.__class__ is int:
        return dtypes.I64
    return nd


_INT_RANGES: dict = {}


def int_in_dtype(s: int, nd: np.dtype) -> int:
    """A Python int as PyTorch casts it into an integer tensor's dtype: wrapped around modulo
    2**bits (int8 + 200 adds -56), where numpy raises OverflowError. Beyond what any 64-bit
    integer can hold PyTorch refuses, with its own message."""
    lo_hi = _INT_RANGES.get(nd)
    if lo_hi is None:
        info = np.iinfo(nd)
        lo_hi = _INT_RANGES[nd] = (int(info.min), int(info.max))
    lo, hi = lo_hi
    if lo <= s <= hi:
        return s
    if not -(1 << 63) <= s < (1 << 64):
        raise OverflowError("int too big to convert")
    return (s - lo) % (hi - lo + 1) + lo


def float_dtype(nd: np.dtype) -> np.dtype:
    """Integer and bool inputs of float functions compute in the default dtype (as torch)."""
    return nd if nd.kind == "f" else dtypes.default_float()


def float_eval(np_fn, math_fn, d: np.ndarray) -> np.ndarray:
    """np_fn(d) evaluated in float64 and rounded to d's float dtype."""
    rt = d.dtype
    if rt.kind != "f":
        rt = dtypes.default_float()
    if d.ndim == 0 and math_fn is not None:
        try:
            return np.array(math_fn(float(d)), dtype=rt)
        except (ValueError, OverflowError, ZeroDivisionError):
            pass  # outside math's domain: numpy returns inf/nan as torch does
    if rt is F64:
        return np_fn(d, out=..., dtype=F64)
    return np_fn(d, out=..., dtype=F64).astype(rt)


def sigmoid_math(v: float) -> float:
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def sigmoid_np(d, out=None, dtype=None):
    d = np.asarray(d, dtype=F64)
    e = np.exp(-np.abs(d))
    return np.where(d >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
