"""dtype objects (`engine.float32`, ...), the default dtype, and PyTorch's type promotion.

Tensors store numpy arrays; a `dtype` is the torch-facing name of a numpy dtype. Promotion follows
PyTorch, not numpy: an int64 tensor times a Python float is float32 (the default dtype), float +
int gives the float, and 0-dim tensors and Python scalars only win when they bring a higher
category (bool < integer < floating point).
"""
from __future__ import annotations

import builtins

import numpy as np

# This module rebinds float/int/bool to torch dtype names; keep Python's types at hand.
_py_float, _py_int, _py_bool = builtins.float, builtins.int, builtins.bool


class dtype:
    """A tensor element type; prints as PyTorch does (`torch.float32`)."""

    __slots__ = ("name", "np", "is_floating_point", "is_signed", "itemsize")

    def __init__(self, name: str, np_dtype: np.dtype) -> None:
        self.name = name
        self.np = np.dtype(np_dtype)
        self.is_floating_point = self.np.kind == "f"
        self.is_signed = self.np.kind in "fi"
        self.itemsize = self.np.itemsize

    def __repr__(self) -> str:
        return "torch." + self.name

    def __reduce__(self):
        return (from_numpy_dtype, (self.np,))


float16 = dtype("float16", np.float16)
float32 = dtype("float32", np.float32)
float64 = dtype("float64", np.float64)
uint8 = dtype("uint8", np.uint8)
int8 = dtype("int8", np.int8)
int16 = dtype("int16", np.int16)
int32 = dtype("int32", np.int32)
int64 = dtype("int64", np.int64)
bool = dtype("bool", np.bool_)  # noqa: A001 - torch.bool is the public name
half, float, double = float16, float32, float64  # noqa: A001
short, int, long = int16, int32, int64  # noqa: A001

_BY_NUMPY = {d.np: d for d in (float16, float32, float64, uint8, int8, int16, int32, int64, bool)}

F32 = float32.np
F64 = float64.np
I64 = int64.np
BOOL = bool.np

_default = F32  # numpy dtype of torch.get_default_dtype(); read on hot paths


def from_numpy_dtype(np_dtype) -> dtype:
    """The engine dtype of a numpy dtype; unsupported numpy types raise TypeError."""
    try:
        return _BY_NUMPY[np.dtype(np_dtype)]
    except (KeyError, TypeError):
        raise TypeError(  # torch's list, though the engine has no complex or wide unsigned types
            f"can't convert np.ndarray of type numpy.{np.dtype(np_dtype).type.__name__}. The only "
            "supported types are: float64, float32, float16, complex64, complex128, int64, int32, "
            "int16, int8, uint64, uint32, uint16, uint8, and bool."
        ) from None


def to_numpy_dtype(d) -> np.dtype:
    """Accept an engine dtype, a numpy dtype/type, or Python's float/int/bool."""
    if d.__class__ is dtype:
        return d.np
    if d is _py_float:
        return F64
    if d is _py_int:
        return I64
    if d is _py_bool:
        return BOOL
    if isinstance(d, np.dtype):
        return d
    return from_numpy_dtype(d).np


def get_default_dtype() -> dtype:
    return _BY_NUMPY[_default]


def set_default_dtype(d) -> None:
    """Set the dtype of float tensors created from Python floats (float32 or float64)."""
    global _default
    nd = to_numpy_dtype(d)
    if nd not in (F32, F64, np.dtype(np.float16)):
        raise TypeError("only floating-point types are supported as the default type")
    _default = nd


def default_float() -> np.dtype:
    return _default


def _category(nd: np.dtype) -> _py_int:
    k = nd.kind
    return 2 if k == "f" else (0 if k == "b" else 1)


def promote_types(a, b):
    """torch.promote_types: the float wins over ints, else the wider type. Engine dtypes in
    (the public API), engine dtype out; numpy dtypes in (the engine's own calls), numpy out."""
    if a.__class__ is dtype or b.__class__ is dtype:
        return from_numpy_dtype(promote_types(to_numpy_dtype(a), to_numpy_dtype(b)))
    if a is b:
        return a
    ca, cb = _category(a), _category(b)
    if ca != cb:
        return a if ca > cb else b
    return np.promote_types(a, b)


def _scalar_dtype(x) -> np.dtype:
    """A Python/numpy scalar participates as bool, int64 or the default float dtype."""
    if isinstance(x, (_py_bool, np.bool_)):
        return BOOL
    if isinstance(x, (_py_int, np.integer)):
        return I64
    if isinstance(x, (_py_float, np.floating)):
        return _default
    raise TypeError(f"unsupported operand type: {type(x).__name__}")


def _combine(higher, lower):
    # torch's combine_categories: a lower-priority group only matters if it brings a float.
    if higher is None:
        return lower
    if lower is None:
        return higher
    if higher.kind == "f":
        return higher
    if higher.kind == "b" or lower.kind == "f":
        return promote_types(higher, lower)
    return higher


def result_type(*operands) -> np.dtype:
    """The dtype PyTorch computes in for these operands (tensors, arrays or scalars)."""
    dim = zero = wrapped = None
    for x in operands:
        arr = getattr(x, "_data", x)
        if isinstance(arr, np.ndarray):
            nd = arr.dtype
            if arr.ndim:
                dim = nd if dim is None else promote_types(dim, nd)
            else:
                zero = nd if zero is None else promote_types(zero, nd)
        else:
            nd = _scalar_dtype(arr)
            wrapped = nd if wrapped is None else promote_types(wrapped, nd)
    return _combine(dim, _combine(zero, wrapped))


class finfo:
    """torch.finfo: the machine limits of a floating dtype (default: the default dtype), as
    Python floats; `dtype` is the name, as in torch."""

    def __init__(self, type=None) -> None:  # noqa: A002 - torch's parameter name
        nd = _default if type is None else to_numpy_dtype(type)
        if nd.kind != "f":
            raise TypeError("torch.finfo() requires a floating point input type. Use torch.iinfo "
                            "to handle 'torch.finfo'")
        info = np.finfo(nd)
        self.bits = info.bits
        self.eps = _py_float(info.eps)
        self.max = _py_float(info.max)
        self.min = _py_float(info.min)
        self.tiny = self.smallest_normal = _py_float(info.smallest_normal)
        self.resolution = 10.0 ** -info.precision  # torch: exactly 1e-06, not float32(1e-06)
        self.dtype = from_numpy_dtype(nd).name

    def __repr__(self) -> str:
        fields = ("resolution", "min", "max", "eps", "smallest_normal", "tiny")
        shown = ", ".join(f"{f}={getattr(self, f):g}" for f in fields)
        return f"finfo({shown}, dtype={self.dtype})"


class iinfo:
    """torch.iinfo: the limits of an integer dtype, as Python ints; `dtype` is the name."""

    def __init__(self, type) -> None:  # noqa: A002 - torch's parameter name
        nd = to_numpy_dtype(type)
        if nd.kind == "b":
            raise TypeError("torch.bool is not supported by torch.iinfo")
        if nd.kind not in "iu":
            raise TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to "
                            "handle 'torch.iinfo'")
        info = np.iinfo(nd)
        self.bits = info.bits
        self.min = info.min  # Python ints already
        self.max = info.max
        self.dtype = from_numpy_dtype(nd).name

    def __repr__(self) -> str:
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"
