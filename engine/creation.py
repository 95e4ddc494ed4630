"""Tensor factories: tensor, as_tensor, from_numpy, zeros/ones/full/empty (+ _like), arange,
linspace, eye. dtype inference follows PyTorch: Python floats -> default dtype, ints -> int64,
bools -> bool, numpy arrays keep their dtype."""
from __future__ import annotations

import warnings

import numpy as np

from engine import dtypes
from engine.tensor import FACTORY_INT_GRAD_MESSAGE, Tensor, wrap


def _finish(arr: np.ndarray, requires_grad: bool) -> Tensor:
    t = wrap(arr)
    if requires_grad:
        t._set_requires_grad(True, FACTORY_INT_GRAD_MESSAGE)
    return t


def _flatten_tensors(data):
    """Nested lists may hold 0-dim (or any) tensors: replace them by their arrays."""
    if isinstance(data, Tensor):
        return data._data
    if isinstance(data, (list, tuple)):
        return [_flatten_tensors(x) for x in data]
    return data


def _infer(data) -> np.ndarray:
    if isinstance(data, np.ndarray):
        return data
    if isinstance(data, np.generic):
        return np.asarray(data)
    if isinstance(data, (list, tuple)):
        data = _flatten_tensors(data)
    try:
        arr = np.array(data)
    except ValueError as e:
        raise ValueError(f"expected sequence of equal lengths: {e}") from None
    if arr.dtype == object:
        raise TypeError(f"Could not infer dtype of {type(data).__name__}")
    k = arr.dtype.kind
    if k == "f":
        return arr.astype(dtypes.default_float(), copy=False)
    if k in "iu":
        return arr.astype(dtypes.I64, copy=False)
    if k == "b":
        return arr
    if k in "US":
        raise TypeError("new(): invalid data type 'str'")
    raise TypeError(f"Could not infer dtype of {arr.dtype}")


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
        arr = np.array(data._data)
    else:
        arr = np.array(_infer(data))
    if dtype is not None:
        arr = arr.astype(dtypes.to_numpy_dtype(dtype))
    return _finish(arr, requires_grad)


def as_tensor(data, dtype=None, device=None) -> Tensor:
    """Share memory with `data` when it already is an array of the requested dtype."""
    if isinstance(data, Tensor):
        return data if dtype is None else data.to(dtype)
    arr = _infer(data)
    if dtype is not None:
        arr = arr.astype(dtypes.to_numpy_dtype(dtype), copy=False)
    return wrap(arr)


def from_numpy(arr: np.ndarray) -> Tensor:
    if not isinstance(arr, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(arr).__name__})")
    dtypes.from_numpy_dtype(arr.dtype)  # raises for unsupported types
    return wrap(arr)


def _size(size) -> tuple:
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = size[0]
    return tuple(int(s) for s in size)


def _dt(dtype, default=None) -> np.dtype:
    if dtype is None:
        return dtypes.default_float() if default is None else default
    return dtypes.to_numpy_dtype(dtype)


def zeros(*size, dtype=None, device=None, requires_grad: bool = False, out=None) -> Tensor:
    return _finish(np.zeros(_size(size), dtype=_dt(dtype)), requires_grad)


def ones(*size, dtype=None, device=None, requires_grad: bool = False, out=None) -> Tensor:
    return _finish(np.ones(_size(size), dtype=_dt(dtype)), requires_grad)


def empty(*size, dtype=None, device=None, requires_grad: bool = False, out=None) -> Tensor:
    return _finish(np.zeros(_size(size), dtype=_dt(dtype)), requires_grad)


def full(size, fill_value, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    if hasattr(fill_value, "_data"):
        fill_value = fill_value.item()
    default = dtypes.result_type(fill_value)
    return _finish(np.full(_size((size,)), fill_value, dtype=_dt(dtype, default)), requires_grad)


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
    return _finish(np.full(shape, fill_value, dtype=dt), requires_grad)


def arange(start, end=None, step=1, dtype=None, device=None,
           requires_grad: bool = False) -> Tensor:
    if end is None:
        start, end = 0, start
    vals = [v.item() if hasattr(v, "_data") else v for v in (start, end, step)]
    default = dtypes.default_float() if any(isinstance(v, float) for v in vals) else dtypes.I64
    if vals[2] == 0:
        raise RuntimeError("step must be nonzero")
    dt = _dt(dtype, default)
    # Count like torch: ceil((end - start) / step) elements computed in double.
    n = max(0, int(np.ceil((vals[1] - vals[0]) / vals[2])))
    arr = (vals[0] + np.arange(n, dtype=np.float64) * vals[2]).astype(dt) if dt.kind == "f" \
        else np.arange(vals[0], vals[0] + n * vals[2], vals[2], dtype=dt)[:n]
    return _finish(arr, requires_grad)


def linspace(start, end, steps: int, dtype=None, device=None,
             requires_grad: bool = False) -> Tensor:
    arr = np.linspace(float(start), float(end), int(steps), dtype=np.float64).astype(_dt(dtype))
    return _finish(arr, requires_grad)


def logspace(start, end, steps: int, base: float = 10.0, dtype=None,
             requires_grad: bool = False) -> Tensor:
    arr = np.logspace(float(start), float(end), int(steps), base=base).astype(_dt(dtype))
    return _finish(arr, requires_grad)


def eye(n: int, m: int | None = None, dtype=None, device=None,
        requires_grad: bool = False) -> Tensor:
    return _finish(np.eye(n, m, dtype=_dt(dtype)), requires_grad)


def scalar_tensor(value, dtype=None, requires_grad: bool = False) -> Tensor:
    return _finish(np.array(value, dtype=_dt(dtype)), requires_grad)
