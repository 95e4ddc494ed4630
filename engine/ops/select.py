"""Ops that pick between values: where, maximum/minimum, clamp, masked_fill; comparisons and
logical ops (which have no gradient)."""
from __future__ import annotations

import numpy as np

from engine import dtypes
from engine.autograd.node import Node
from engine.ops._core import Tensor, binary, check_broadcast, record, tensor_of, wrap


def grad_where(keep, g):
    """`g` where `keep` holds, else a real 0: PyTorch's where(mask, grad, 0) in masking rules
    (g * mask would give -0. for negative g). Takes bare numpy arrays too, for rules run on
    arrays (see autograd/engine.py)."""
    if isinstance(g, (np.ndarray, np.generic)):
        if keep.__class__ is np.bool_ and not g.ndim:  # scalar exercises: np.where costs 4x
            return g if keep else g.dtype.type(0)
        ints = _SAME_SIZE_INT.get(g.dtype.itemsize) if g.dtype.kind == "f" else None
        if ints is not None:  # the bits of g, or of +0: ~7x faster than np.where, same result
            mask = -np.broadcast_to(keep, g.shape).astype(ints)
            return (np.asarray(g).view(ints) & mask).view(g.dtype)
        return np.where(keep, g, g.dtype.type(0))
    return where(keep, g, 0.0)


_SAME_SIZE_INT = {2: np.int16, 4: np.int32, 8: np.int64}


def zero_grad(g):
    """The gradient of a piecewise-constant op: zeros like `g` (PyTorch's zeros_like(grad); g * 0
    would give -0. for negative g). Takes bare numpy arrays too."""
    if isinstance(g, (np.ndarray, np.generic)):
        return g.dtype.type(0) if not g.ndim else np.zeros_like(g)
    return wrap(np.zeros_like(g._data))


class WhereBackward0(Node):
    def backward(self, g):
        (cond,) = self.saved
        nxt = self._next
        return (grad_where(cond, g) if nxt[0] is not None else None,
                where(cond, 0.0, g) if nxt[1] is not None else None)


def where(condition, input=None, other=None):  # noqa: A002 - torch.where's parameter names
    cond = tensor_of(condition)
    if input is None and other is None:
        return tuple(wrap(i.astype(np.int64)) for i in np.nonzero(cond._data))
    if cond._data.dtype != dtypes.BOOL:
        raise RuntimeError(
            f"where expected condition to be a boolean tensor, but got a tensor with dtype "
            f"{cond.dtype.name.capitalize()}"
        )
    if not hasattr(input, "_data") and not hasattr(other, "_data"):
        input = tensor_of(input)
    a, b, ad, bd = binary(input, other)
    check_broadcast(cond._data, ad)
    check_broadcast(cond._data, bd)
    out = np.where(cond._data, ad, bd).astype(dtypes.result_type(ad, bd), copy=False)
    return record(WhereBackward0, np.asarray(out), (a, b), (cond,))


class MaximumBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        # PyTorch's rule: ties share the gradient equally, where(a == b, g / 2, g), then a real 0
        # where the input lost (a nan beside a number loses neither side).
        tie = where(a == b, g / 2, g)
        return (grad_where(logical_not(a < b), tie) if nxt[0] is not None else None,
                grad_where(logical_not(a > b), tie) if nxt[1] is not None else None)


def maximum(a, b):
    a, b, ad, bd = binary(tensor_of(a), tensor_of(b))
    return record(MaximumBackward0, np.maximum(ad, bd, out=...), (a, b), (a, b))


class MinimumBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        tie = where(a == b, g / 2, g)
        return (grad_where(logical_not(a > b), tie) if nxt[0] is not None else None,
                grad_where(logical_not(a < b), tie) if nxt[1] is not None else None)


def minimum(a, b):
    a, b, ad, bd = binary(tensor_of(a), tensor_of(b))
    return record(MinimumBackward0, np.minimum(ad, bd, out=...), (a, b), (a, b))


class ClampBackward1(Node):
    def backward(self, g):
        (x,) = self.saved
        lo, hi = self.args
        keep = True
        if lo is not None:
            keep = x >= lo
        if hi is not None:
            keep = (x <= hi) if keep is True else keep & (x <= hi)
        return (grad_where(keep, g),)


def clamp(x, min=None, max=None):  # noqa: A002 - torch.clamp's parameter names
    x = tensor_of(x)
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    if hasattr(min, "_data") or hasattr(max, "_data"):
        return _clamp_tensors(x, None if min is None else tensor_of(min),
                              None if max is None else tensor_of(max))
    d = x._data
    lo = None if min is None else (min.item() if isinstance(min, np.generic) else min)
    hi = None if max is None else (max.item() if isinstance(max, np.generic) else max)
    rt = d.dtype
    if d.dtype.kind != "f" and (isinstance(lo, float) or isinstance(hi, float)):
        rt = dtypes.default_float()
    out = np.clip(d.astype(rt, copy=False), lo, hi)
    return record(ClampBackward1, np.asarray(out, dtype=rt), (x,), (x,), (lo, hi))


class ClampBackward0(Node):
    """Tensor bounds: x gets g where lo <= x <= hi (ties included, unlike maximum's split);
    a bound gets g where it was the one taken (x < lo, x > hi)."""

    def backward(self, g):
        x, *bounds = self.saved
        has_lo, has_hi = self.args
        lo, hi = (bounds[0] if has_lo else None), (bounds[-1] if has_hi else None)
        inside = None
        if lo is not None:
            inside = ge(x, lo)
        if hi is not None:
            inside = le(x, hi) if inside is None else logical_and(inside, le(x, hi))
        grads = [where(inside, g, 0.0)]
        if lo is not None:
            grads.append(where(lt(x, lo), g, 0.0))
        if hi is not None:
            grads.append(where(gt(x, hi), g, 0.0))
        return tuple(grads)


def _clamp_tensors(x, lo, hi):
    bounds = tuple(b for b in (lo, hi) if b is not None)
    rt = dtypes.result_type(x, *bounds)
    out = x._data.astype(rt, copy=False)
    if lo is not None:
        out = np.maximum(out, lo._data.astype(rt, copy=False))
    if hi is not None:
        out = np.minimum(out, hi._data.astype(rt, copy=False))
    return record(ClampBackward0, np.asarray(out, dtype=rt), (x,) + bounds, (x,) + bounds,
                  (lo is not None, hi is not None))


def clamp_min(x, min):  # noqa: A002
    return clamp(x, min=min)


def clamp_max(x, max):  # noqa: A002
    return clamp(x, max=max)


class MaskedFillBackward0(Node):
    def backward(self, g):
        (mask,) = self.saved
        return (where(mask, 0.0, g),)


def masked_fill(x, mask, value):
    x = tensor_of(x)
    mask = tensor_of(mask)
    v = value._data if hasattr(value, "_data") else value
    out = np.where(mask._data, np.asarray(v, dtype=x._data.dtype), x._data)
    return record(MaskedFillBackward0, np.asarray(out), (x,), (mask,))


def _compare(np_fn):
    def op(a, b):
        a, b, ad, bd = binary(a, b)
        return wrap(np_fn(ad, bd, out=...))

    op.__name__ = np_fn.__name__
    return op


eq = _compare(np.equal)
ne = _compare(np.not_equal)
lt = _compare(np.less)
le = _compare(np.less_equal)
gt = _compare(np.greater)
ge = _compare(np.greater_equal)


def _bitwise(np_fn, name: str):
    def op(a, b):
        a, b, ad, bd = binary(a, b)
        for v in (ad, bd):
            if getattr(v, "dtype", np.dtype(np.int64)).kind == "f" or isinstance(v, float):
                raise TypeError(
                    f"unsupported operand type(s) for {name}: float tensors have no bitwise ops "
                    "(use logical_and/logical_or on comparisons)"
                )
        return wrap(np_fn(ad, bd, out=...))

    return op


bitwise_and = _bitwise(np.bitwise_and, "&")
bitwise_or = _bitwise(np.bitwise_or, "|")
bitwise_xor = _bitwise(np.bitwise_xor, "^")


def bitwise_not(x):
    d = tensor_of(x)._data
    if d.dtype.kind == "f":
        raise TypeError("~ (bitwise_not) is only supported for integer and bool tensors")
    return wrap(np.invert(d, out=...))


def logical_and(a, b):
    return wrap(np.logical_and(tensor_of(a)._data, tensor_of(b)._data, out=...))


def logical_or(a, b):
    return wrap(np.logical_or(tensor_of(a)._data, tensor_of(b)._data, out=...))


def logical_xor(a, b):
    return wrap(np.logical_xor(tensor_of(a)._data, tensor_of(b)._data, out=...))


def logical_not(x):
    return wrap(np.logical_not(tensor_of(x)._data, out=...))


def allclose(a, b, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> bool:
    return bool(np.allclose(tensor_of(a)._data, tensor_of(b)._data, rtol, atol, equal_nan))


def isclose(a, b, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False):
    return wrap(np.asarray(np.isclose(tensor_of(a)._data, tensor_of(b)._data, rtol, atol,
                                      equal_nan)))


def equal(a, b) -> bool:
    a, b = tensor_of(a)._data, tensor_of(b)._data
    return a.shape == b.shape and bool(np.array_equal(a, b))




class TrilBackward0(Node):
    def backward(self, g):
        return (tril(g, self.args),)


class TriuBackward0(Node):
    def backward(self, g):
        return (triu(g, self.args),)


def _triangle(name: str, x) -> Tensor:
    x = tensor_of(x)
    if x._data.ndim < 2:
        raise RuntimeError(f"{name}: input tensor must have at least 2 dimensions")
    return x


def tril(x, diagonal: int = 0):
    """Lower triangle (the rest zeroed); the gradient is masked the same way."""
    x = _triangle("tril", x)
    return record(TrilBackward0, np.tril(x._data, diagonal), (x,), None, diagonal)


def triu(x, diagonal: int = 0):
    x = _triangle("triu", x)
    return record(TriuBackward0, np.triu(x._data, diagonal), (x,), None, diagonal)
