"""Tensor factories: tensor, as_tensor, from_numpy, zeros/ones/full/empty (+ _like), arange,
linspace, eye. dtype inference follows PyTorch: Python floats -> default dtype, ints -> int64,
bools -> bool, numpy arrays keep their dtype."""
from __future__ import annotations

import operator
import warnings

import numpy as np

from engine import dtypes
from engine.tensor import FACTORY_INT_GRAD_MESSAGE, Tensor, wrap
from engine.ops.vector_math import fma64  # after engine.tensor, which loads engine.ops


def _finish(arr: np.ndarray, requires_grad: bool) -> Tensor:
    t = wrap(arr)
    if requires_grad:
        t._set_requires_grad(True, FACTORY_INT_GRAD_MESSAGE)
    return t


def _flatten_tensors(data, typed: list):
    """Nested lists may hold tensors and numpy scalars: replace tensors by their values and note
    the dtypes of such typed elements in `typed` (they take part in dtype inference). torch reads
    a tensor inside a sequence as one number (its item()): [tensor([1.]), tensor([2.])] gives
    tensor([1., 2.]), and a tensor of several elements there is an error."""
    if isinstance(data, Tensor):
        if data._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        typed.append(data._data.dtype)
        return data._data.reshape(())
    if isinstance(data, (list, tuple)):
        return [_flatten_tensors(x, typed) for x in data]
    if isinstance(data, (np.ndarray, np.generic)):
        typed.append(data.dtype)
    return data


def _python_dtypes(data, found: set) -> None:
    """The torch dtypes of the plain Python numbers in a nested list."""
    if isinstance(data, (list, tuple)):
        for x in data:
            _python_dtypes(x, found)
    elif isinstance(data, (bool, int, float)) and not isinstance(data, np.generic):
        found.add(dtypes._scalar_dtype(data))


def _ragged_error(data):
    """torch's error for nested sequences that are not rectangular: the shape is read
    off the first elements, then every sequence is checked against it depth first."""
    shape = []
    x = data
    while isinstance(x, (list, tuple)):
        shape.append(len(x))
        if not x:
            break
        x = x[0]

    def walk(x, dim: int) -> None:
        if dim == len(shape):
            if isinstance(x, (list, tuple)):
                raise TypeError(f"'{type(x).__name__}' object cannot be interpreted as an integer")
            return
        if isinstance(x, str):
            raise TypeError("new(): invalid data type 'str'")
        if not isinstance(x, (list, tuple)):
            raise TypeError("not a sequence")
        if len(x) != shape[dim]:
            raise ValueError(
                f"expected sequence of length {shape[dim]} at dim {dim} (got {len(x)})"
            )
        for item in x:
            walk(item, dim + 1)

    try:
        walk(data, 0)
    except (TypeError, ValueError) as e:
        return e
    return None


def _natural(data) -> tuple:
    """`data` as numpy builds it (Python floats stay float64, so nothing is rounded yet), and the
    dtype PyTorch infers for it (None: decide from the array's kind)."""
    if isinstance(data, np.ndarray):
        return data, data.dtype
    if isinstance(data, np.generic):
        return np.asarray(data), data.dtype
    inferred = None
    if isinstance(data, (list, tuple)):
        typed: list = []
        data = _flatten_tensors(data, typed)
        if typed:  # torch promotes the element types: [tensor(1., dtype=float64), 2.] is float64
            found: set = set()
            _python_dtypes(data, found)
            inferred = typed[0]
            for nd in typed[1:] + sorted(found, key=str):
                inferred = dtypes.promote_types(inferred, nd)
    try:
        arr = np.array(data)
    except ValueError as e:
        err = _ragged_error(data) or ValueError(f"expected sequence of equal lengths: {e}")
        raise err from None
    if arr.dtype == object:  # torch names the first element that is not a number
        if _non_number(data) is None:  # all numbers: an int beyond 64 bits
            raise ValueError("Overflow when unpacking long long")
        raise RuntimeError(f"Could not infer dtype of {(_non_number(data) or object).__name__}")
    k = arr.dtype.kind
    if k == "u" and not isinstance(data, np.generic) and arr.dtype == np.uint64:
        raise ValueError("Overflow when unpacking long long")  # Python ints past int64's range
    if k in "US":
        if arr.ndim:
            raise ValueError(f"too many dimensions '{type(arr.flat[0].item()).__name__}'")
        raise TypeError("new(): invalid data type 'str'")
    if k not in "fiub":
        raise TypeError(f"Could not infer dtype of {arr.dtype}")
    return arr, inferred


def _non_number(data) -> type | None:
    """The type of the first leaf of nested lists that is not a number (NoneType, dict...)."""
    if isinstance(data, (list, tuple)):
        found = (_non_number(x) for x in data)
        return next((kind for kind in found if kind is not None), None)
    numeric = isinstance(data, (bool, int, float, np.ndarray, np.generic))
    return None if numeric else type(data)


def _infer(data) -> np.ndarray:
    """`data` as an array of the dtype PyTorch infers: Python floats -> the default dtype."""
    arr, inferred = _natural(data)
    if inferred is not None:
        return arr.astype(inferred, copy=False)
    k = arr.dtype.kind
    if k == "f":
        return arr.astype(dtypes.default_float(), copy=False)
    if k in "iu":
        return arr.astype(dtypes.I64, copy=False)
    return arr


def _convert(data, dtype) -> np.ndarray:
    """`data` converted to an explicit `dtype` in one rounding, as PyTorch stores each Python
    number (read as a double, or as an int64 for integer dtypes) straight into the target type:
    torch.tensor(0.1, dtype=torch.float64) keeps all 53 bits."""
    nd = dtypes.to_numpy_dtype(dtype)
    if isinstance(data, (np.ndarray, np.generic)):
        return np.asarray(data).astype(nd, copy=False)
    arr, _ = _natural(data)
    if nd.kind == "f" and arr.dtype.kind in "iu" and not _has_tensors(data):
        arr = arr.astype(dtypes.F64)  # Python ints reach a float tensor through a double
    if nd.kind in "iu" and arr.size and arr.dtype.kind in "fiu" and not _has_tensors(data):
        _check_fits(arr, nd)
    return arr.astype(nd, copy=False)


def _check_fits(arr: np.ndarray, nd: np.dtype) -> None:
    """torch's checked conversion of Python numbers into an integer dtype: out of range is an
    error, except that negative numbers wrap into an unsigned type down to -max."""
    info = np.iinfo(nd)
    low = -int(info.max) if nd.kind == "u" else int(info.min)
    if arr.min() < low or arr.max() > info.max:
        raise RuntimeError(f"value cannot be converted to type {nd.name} without overflow")


def _has_tensors(data) -> bool:
    if isinstance(data, (list, tuple)):
        return any(_has_tensors(x) for x in data)
    return isinstance(data, (Tensor, np.ndarray, np.generic))


def tensor(data, dtype=None, device=None, requires_grad: bool = False,
           pin_memory: bool = False) -> Tensor:
    """A new leaf tensor holding a copy of `data`."""
    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use sourceTensor.detach()."
            "clone() or sourceTensor.detach().clone().requires_grad_(True), rather than "
            "torch.tensor(sourceTensor).",
            UserWarning,
            stacklevel=2,
        )
        data = data._data
    arr = _infer(data) if dtype is None else _convert(data, dtype)
    # Always a fresh buffer (astype/asarray above may have returned the caller's array).
    return _finish(np.array(arr), requires_grad)


def as_tensor(data, dtype=None, device=None) -> Tensor:
    """Share memory with `data` when it already is an array of the requested dtype."""
    if isinstance(data, Tensor):
        return data if dtype is None else data.to(dtype)
    return wrap(_infer(data) if dtype is None else _convert(data, dtype))


def from_numpy(arr: np.ndarray) -> Tensor:
    if not isinstance(arr, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(arr).__name__})")
    dtypes.from_numpy_dtype(arr.dtype)  # raises for unsupported types
    return wrap(arr)


def size_arg(size: tuple, fn: str) -> tuple:
    """The shape `fn(*size)` asks for: ints, or one tuple/list of them. Anything else (a float
    from a division, say) fails with the message of torch's argument parser."""
    packed = len(size) == 1 and isinstance(size[0], (tuple, list))
    items = size[0] if packed else size
    shape = []
    for pos, s in enumerate(items, 1):
        try:
            shape.append(operator.index(s))
        except TypeError:
            kind = type(s).__name__
            if len(size) == 1 and not packed:
                raise TypeError(f"{fn}(): argument 'size' (position 1) must be tuple of ints, "
                                f"not {kind}") from None
            if pos == 1 and not packed and fn in ("zeros", "ones", "empty"):
                # torch's parser reads a non-int first size as the one `size` argument
                raise TypeError(f"{fn}() takes 1 positional argument but {len(size)} were "
                                "given") from None
            raise TypeError(f"{fn}(): argument 'size' failed to unpack the object at pos {pos} "
                            f'with error "type must be tuple of ints,but got {kind}"') from None
    for s in shape:
        if s < 0:
            if fn == "zeros":  # zeros checks its sizes itself, in other words
                raise RuntimeError("zeros: Dimension size must be non-negative.")
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {shape}")
    return tuple(shape)


def _dt(dtype, default=None) -> np.dtype:
    if dtype is None:
        return dtypes.default_float() if default is None else default
    return dtypes.to_numpy_dtype(dtype)


def zeros(*size, dtype=None, device=None, requires_grad: bool = False, out=None) -> Tensor:
    return _finish(np.zeros(size_arg(size, "zeros"), dtype=_dt(dtype)), requires_grad)


def ones(*size, dtype=None, device=None, requires_grad: bool = False, out=None) -> Tensor:
    return _finish(np.ones(size_arg(size, "ones"), dtype=_dt(dtype)), requires_grad)


def empty(*size, dtype=None, device=None, requires_grad: bool = False, out=None) -> Tensor:
    return _finish(np.zeros(size_arg(size, "empty"), dtype=_dt(dtype)), requires_grad)


def full(size, fill_value, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    if hasattr(fill_value, "_data"):
        fill_value = fill_value.item()
    nd = _dt(dtype, dtypes.result_type(fill_value))
    return _finish(np.full(size_arg((size,), "full"), _fill(fill_value, nd), dtype=nd),
                   requires_grad)


def _fill(value, nd: np.dtype):
    """A fill value converted like PyTorch's Scalar: a Python float is a double (never rounded
    through float32 first), an int goes straight to a float type (not through a double), and a
    finite float beyond float32's range raises."""
    if hasattr(value, "_data"):
        value = value.item()
    elif isinstance(value, np.generic):
        value = value.item()
    if nd.kind != "f":
        return value
    if value.__class__ is int and -2 ** 63 <= value < 2 ** 63:
        return np.array(value, dtype=dtypes.I64).astype(nd)
    if nd is dtypes.F32 and value.__class__ is float and abs(value) > _F32_MAX \
            and abs(value) != _INF:
        raise RuntimeError("value cannot be converted to type float without overflow")
    return value


_F32_MAX = float(np.finfo(np.float32).max)
_INF = float("inf")


def _like(x: Tensor, dtype) -> tuple:
    return x._data.shape, (x._data.dtype if dtype is None else dtypes.to_numpy_dtype(dtype))


def zeros_like(x: Tensor, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    shape, dt = _like(x, dtype)
    return _finish(np.zeros(shape, dtype=dt), requires_grad)


def ones_like(x: Tensor, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    shape, dt = _like(x, dtype)
    return _finish(np.ones(shape, dtype=dt), requires_grad)


def empty_like(x: Tensor, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return zeros_like(x, dtype=dtype, requires_grad=requires_grad)


def full_like(x: Tensor, fill_value, dtype=None, device=None,
              requires_grad: bool = False) -> Tensor:
    shape, dt = _like(x, dtype)
    return _finish(np.full(shape, _fill(fill_value, dt), dtype=dt), requires_grad)


def arange(start, end=None, step=1, dtype=None, device=None,
           requires_grad: bool = False) -> Tensor:
    if end is None:
        start, end = 0, start
    vals = [v.item() if hasattr(v, "_data") else v for v in (start, end, step)]
    default = dtypes.default_float() if any(isinstance(v, float) for v in vals) else dtypes.I64
    if vals[2] == 0:
        raise RuntimeError("step must be nonzero")
    if (vals[1] - vals[0]) * vals[2] < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    dt = _dt(dtype, default)
    # Count like torch: ceil((end - start) / step) elements computed in double.
    n = max(0, int(np.ceil((vals[1] - vals[0]) / vals[2])))
    if dt == np.float32 or dt == np.float64:
        arr = _arange_float(float(vals[0]), float(vals[2]), n, dt)
    elif dt.kind == "f":
        arr = (vals[0] + np.arange(n, dtype=np.float64) * vals[2]).astype(dt)
    else:
        arr = np.arange(vals[0], vals[0] + n * vals[2], vals[2], dtype=dt)[:n]
    return _finish(arr, requires_grad)


def _arange_float(start: float, step: float, n: int, dt: np.dtype) -> np.ndarray:
    """torch's CPU kernel, to the bit. It computes in double, and its compiler fuses each
    `a + b * c` into one rounding (FMA). The vectorised loop fills two vectors per iteration:
    each vector starts at base = start + step * i0 (rounded to the dtype), its lane k holds
    base + k * step; the indices past the last whole pair of vectors take start + step * i."""
    lanes = 32 // dt.itemsize  # 256-bit vectors here (measured), though other kernels use 512
    i = np.arange(n)
    k = i % lanes
    base = fma64((i - k).astype(np.float64), step, start).astype(dt).astype(np.float64)
    vector = np.where(k == 0, base, fma64(k.astype(np.float64), step, base))
    scalar = fma64(i.astype(np.float64), step, start)
    return np.where(i < n - n % (2 * lanes), vector, scalar).astype(dt)


def linspace(start, end, steps: int, dtype=None, device=None,
             requires_grad: bool = False) -> Tensor:
    dt = _dt(dtype)
    if int(steps) < 0:
        raise RuntimeError("number of steps must be non-negative")
    if dt.kind != "f":
        arr = np.linspace(float(start), float(end), int(steps)).astype(dt)
    else:
        arr = _linspace_float(float(start), float(end), int(steps), dt)
    return _finish(arr, requires_grad)


def _linspace_float(start: float, end: float, steps: int, dt: np.dtype) -> np.ndarray:
    """torch's CPU kernel, to the bit: the step is computed in the dtype, the first half counts
    up from `start` and the second half down from `end`, each point one fused multiply-add
    (evaluated in long double, exact for the step times an index, then rounded to the dtype)."""
    s, e = dt.type(start), dt.type(end)
    if steps == 1:
        return np.array([s])
    step = (e - s) / dt.type(steps - 1)
    idx = np.arange(steps)
    ld = np.longdouble
    up = ld(s) + ld(step) * idx
    down = ld(e) - ld(step) * (steps - 1 - idx)
    return np.where(idx < steps // 2, up, down).astype(dt)


def logspace(start, end, steps: int, base: float = 10.0, dtype=None,
             requires_grad: bool = False) -> Tensor:
    arr = np.logspace(float(start), float(end), int(steps), base=base).astype(_dt(dtype))
    return _finish(arr, requires_grad)


def eye(n: int, m: int | None = None, dtype=None, device=None,
        requires_grad: bool = False) -> Tensor:
    return _finish(np.eye(n, m, dtype=_dt(dtype)), requires_grad)


def scalar_tensor(value, dtype=None, requires_grad: bool = False) -> Tensor:
    nd = _dt(dtype)
    return _finish(np.array(_fill(value, nd), dtype=nd), requires_grad)
