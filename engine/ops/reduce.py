"""Reductions with `dim`/`keepdim`, each forward next to its backward rule."""
from __future__ import annotations

import math

import numpy as np

from engine import dtypes
from engine.autograd.node import Node
from engine.ops._core import Tensor, record, return_type, tensor_of, wrap
from engine.ops.cascade_sum import torch_sum
from engine.ops.select import where
from engine.ops.shape import expand, reshape
from engine.tensor import _wrap_dim


def _dims(dim, ndim: int):
    """Normalise `dim` (None, int, or sequence) to a sorted tuple of axes, or None for all."""
    if dim is None:
        return None
    if isinstance(dim, (tuple, list)):
        if len(dim) == 0:
            return None
        return tuple(sorted({_wrap_dim(int(d), ndim) for d in dim}))
    return (_wrap_dim(int(dim), ndim),)


def _kept_shape(shape: tuple, axes) -> tuple:
    if axes is None:
        return (1,) * len(shape)
    return tuple(1 if i in axes else s for i, s in enumerate(shape))


def _expand_back(g, in_shape: tuple, axes, keepdim: bool):
    """Undo a reduction's shape change on its gradient: restore reduced axes, then broadcast."""
    if not keepdim:
        g = reshape(g, _kept_shape(in_shape, axes))
    return expand(g, in_shape)


def _count(shape: tuple, axes) -> int:
    n = 1
    for i, s in enumerate(shape):
        if axes is None or i in axes:
            n *= s
    return n


class SumBackward0(Node):
    def backward(self, g):
        in_shape, axes, keepdim = self.args
        return (_expand_back(g, in_shape, axes, keepdim),)


class SumBackward1(SumBackward0):
    pass


def _accumulation_data(x, dtype):
    """The data a sum, product or cumulative sum runs over: cast to `dtype` when given, else
    integers and bools widened to int64, as torch accumulates them."""
    if dtype is not None:
        return x._data.astype(dtypes.to_numpy_dtype(dtype))
    if x._data.dtype.kind in "biu":
        return x._data.astype(dtypes.I64)
    return x._data


def sum(x, dim=None, keepdim: bool = False, dtype=None):  # noqa: A001 - torch.sum
    x = tensor_of(x)
    d = _accumulation_data(x, dtype)
    axes = _dims(dim, d.ndim)
    out = torch_sum(d, axes, keepdim)
    cls = SumBackward0 if dim is None else SumBackward1
    return record(cls, out, (x,), None, (d.shape, axes, keepdim))


class MeanBackward0(Node):
    def backward(self, g):
        in_shape, axes, keepdim = self.args
        return (_expand_back(g, in_shape, axes, keepdim) / _count(in_shape, axes),)


class MeanBackward1(MeanBackward0):
    pass


def mean(x, dim=None, keepdim: bool = False, dtype=None, *, _node=None):
    x = tensor_of(x)
    d = x._data
    if dtype is not None:
        d = d.astype(dtypes.to_numpy_dtype(dtype))
    if d.dtype.kind != "f":
        raise RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point or "
            f"complex dtype. Got: {_legacy_name(d.dtype)}"
        )
    axes = _dims(dim, d.ndim)
    # torch's CPU mean is its sum divided by the count (float16 summed and divided in float32)
    total = torch_sum(d.astype(np.float32) if d.dtype == np.float16 else d, axes, keepdim)
    with np.errstate(invalid="ignore"):  # the mean of nothing is nan, silently as in torch
        out = np.asarray(total / total.dtype.type(_count(d.shape, axes)))
    cls = _node or (MeanBackward0 if dim is None else MeanBackward1)
    return record(cls, out.astype(d.dtype, copy=False), (x,), None, (d.shape, axes, keepdim))


def _legacy_name(nd: np.dtype) -> str:
    return {"int64": "Long", "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
            "bool": "Bool"}.get(nd.name, nd.name.capitalize())


class ProdBackward0(Node):
    def backward(self, g):
        (x, r) = self.saved
        in_shape, axes, keepdim = self.args
        gx = _expand_back(g, in_shape, axes, keepdim)
        xd = x._data
        if np.all(xd != 0):
            return (gx * _expand_back(r, in_shape, axes, keepdim) / x,)
        # With zeros, the product of the other elements is computed directly (not differentiable
        # again; PyTorch's second derivative here is rarely needed by exercises).
        return (gx * wrap(_prod_others(xd, axes)),)


class ProdBackward1(ProdBackward0):
    pass


def _prod_others(xd: np.ndarray, axes) -> np.ndarray:
    axes_list = list(range(xd.ndim)) if axes is None else list(axes)
    moved = np.moveaxis(xd, axes_list, list(range(len(axes_list))))
    lead = moved.shape[:len(axes_list)]
    flat = moved.reshape((-1,) + moved.shape[len(axes_list):])
    n = flat.shape[0]
    out = np.empty_like(flat)
    for i in range(n):
        out[i] = np.prod(np.delete(flat, i, axis=0), axis=0)
    return np.moveaxis(out.reshape(lead + moved.shape[len(axes_list):]),
                       list(range(len(axes_list))), axes_list)


def prod(x, dim=None, keepdim: bool = False, dtype=None):
    x = tensor_of(x)
    d = _accumulation_data(x, dtype)
    axes = _dims(dim, d.ndim)
    out = np.asarray(np.multiply.reduce(d, axis=axes, keepdims=keepdim))
    t = record(ProdBackward0 if dim is None else ProdBackward1, out, (x,), None,
               (d.shape, axes, keepdim))
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


def _correction(unbiased, correction) -> float:
    if correction is not None:
        return float(correction)
    return 1.0 if unbiased is None or unbiased else 0.0


def _var_args(dim, unbiased, keepdim):
    # torch.var(x, 0) and torch.var(x, True) both exist: a bool in `dim` is `unbiased`.
    if isinstance(dim, bool):
        return None, dim, keepdim
    return dim, unbiased, keepdim


def _var_backward(g, x, axes, in_shape: tuple, corr: float):
    # PyTorch's var_backward, same operation order: (2 / dof) * grad * (x - mean).
    dof = _count(in_shape, axes) - corr
    scale = 2.0 / dof if dof > 0 else math.nan  # too few elements: nan, as PyTorch
    return scale * g * (x - mean(x, dim=axes, keepdim=True))


def _var_forward(d: np.ndarray, axes, corr: float, keepdim: bool) -> np.ndarray:
    if d.dtype.kind != "f":
        raise RuntimeError("std and var only support floating point and complex dtypes")
    # Written out (not np.var) so too few elements give nan/inf quietly, as in PyTorch.
    centered = d - np.add.reduce(d, axis=axes, keepdims=True) / _count(d.shape, axes)
    out = np.add.reduce(centered * centered, axis=axes, keepdims=keepdim) / (
        _count(d.shape, axes) - corr)
    return np.asarray(out).astype(d.dtype, copy=False)


class VarBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        in_shape, axes, keepdim, corr = self.args
        return (_var_backward(_expand_back(g, in_shape, axes, keepdim), x, axes, in_shape, corr),)


def var(x, dim=None, unbiased=None, keepdim: bool = False, *, correction=None,
        _node=VarBackward0):
    x = tensor_of(x)
    dim, unbiased, keepdim = _var_args(dim, unbiased, keepdim)
    d = x._data
    axes = _dims(dim, d.ndim)
    corr = _correction(unbiased, correction)
    out = _var_forward(d, axes, corr, keepdim)
    return record(_node, out, (x,), (x,), (d.shape, axes, keepdim, corr))


class StdBackward0(Node):
    def backward(self, g):
        (x, r) = self.saved
        in_shape, axes, keepdim, corr = self.args
        # Where std is 0 every centered value is 0 too: PyTorch's gradient there is 0, not nan.
        safe = where(r == 0, 1.0, r)
        gr = _expand_back(g / (safe * 2), in_shape, axes, keepdim)
        return (_var_backward(gr, x, axes, in_shape, corr),)


def std(x, dim=None, unbiased=None, keepdim: bool = False, *, correction=None,
        _node=StdBackward0):
    x = tensor_of(x)
    dim, unbiased, keepdim = _var_args(dim, unbiased, keepdim)
    d = x._data
    axes = _dims(dim, d.ndim)
    corr = _correction(unbiased, correction)
    out = np.sqrt(_var_forward(d, axes, corr, keepdim))
    t = record(_node, out, (x,), None, (d.shape, axes, keepdim, corr))
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


# torch records one node for both outputs of var_mean / std_mean; here each output has its own
# node (the engine's nodes have one output), both under torch's name.
class VarMeanBackward0(VarBackward0):
    pass


class _VarMeanMean(MeanBackward1):
    pass


class StdMeanBackward0(StdBackward0):
    pass


class _StdMeanMean(MeanBackward1):
    pass


_VarMeanMean.__name__ = _VarMeanMean.__qualname__ = "VarMeanBackward0"
_StdMeanMean.__name__ = _StdMeanMean.__qualname__ = "StdMeanBackward0"


def var_mean(x, dim=None, unbiased=None, keepdim: bool = False, *, correction=None) -> tuple:
    """(var, mean) over the same dims, in one call."""
    dim, unbiased, keepdim = _var_args(dim, unbiased, keepdim)
    v = var(x, dim, unbiased, keepdim, correction=correction, _node=VarMeanBackward0)
    return v, mean(x, dim, keepdim, _node=_VarMeanMean)


def std_mean(x, dim=None, unbiased=None, keepdim: bool = False, *, correction=None) -> tuple:
    """(std, mean) over the same dims, in one call."""
    dim, unbiased, keepdim = _var_args(dim, unbiased, keepdim)
    s = std(x, dim, unbiased, keepdim, correction=correction, _node=StdMeanBackward0)
    return s, mean(x, dim, keepdim, _node=_StdMeanMean)


class TraceBackward0(Node):
    def backward(self, g):
        eye = np.eye(*self.args, dtype=self._dtype)
        return (g * wrap(eye),)


def trace(x) -> Tensor:
    """The sum of a matrix's main diagonal (integers sum in int64, as torch's sum)."""
    x = tensor_of(x)
    d = x._data
    if d.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {d.ndim}")
    acc = d.dtype if d.dtype.kind == "f" else dtypes.I64
    out = np.asarray(np.trace(d, dtype=acc))
    return record(TraceBackward0, out, (x,), None, d.shape)


class LinalgVectorNormBackward0(Node):
    def backward(self, g):
        (x, r) = self.saved
        in_shape, axes, keepdim, p = self.args
        ge = _expand_back(g, in_shape, axes, keepdim)
        re = _expand_back(r, in_shape, axes, keepdim)
        if p == 1:
            return (ge * x.sign(),)
        if p == float("inf") or p == float("-inf"):
            hit = (x.abs() == re)
            return (ge * x.sign() * hit / hit.sum(dim=axes, keepdim=True),)
        return (_pnorm_backward(x, ge, re, p),)


def _pnorm_backward(x, g, norm, p: float):
    """torch's norm_backward for finite p: x |x|^(p-2) g / norm^(p-1), written so that zeros
    give 0, not nan (the scale is zeroed where the norm is 0; sign(x)|x|^(p-1) below p=2).
    Zeros are replaced before dividing or raising to a negative power, so numpy stays quiet."""
    if p < 1:
        scaled = where(x == 0, 0.0, x.sign() * _nonzero(x.abs()) ** (p - 1))
        return scaled * g * norm ** (1 - p)
    safe = _nonzero(norm)
    scale = where(norm == 0, 0.0, g / (safe if p == 2 else safe ** (p - 1)))
    if p == 2:
        return x * scale
    scaled = x.sign() * x.abs() ** (p - 1) if p < 2 else x * x.abs() ** (p - 2)
    return scaled * scale


def _nonzero(t):
    return where(t == 0, 1.0, t)


class NormBackward1(LinalgVectorNormBackward0):
    """ATen's own norm (at::norm with a dim, as F.pairwise_distance calls it): same rule."""


def norm(x, p="fro", dim=None, keepdim: bool = False, dtype=None):
    return _norm(LinalgVectorNormBackward0, x, p, dim, keepdim)


def aten_norm(x, p: float, dim: int, keepdim: bool = False) -> Tensor:
    return _norm(NormBackward1, x, p, dim, keepdim)


def _norm(node_cls, x, p, dim, keepdim: bool):
    x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        raise RuntimeError(
            "linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
            f"{_legacy_name(d.dtype)}"
        )
    if p == "fro" or p is None:
        p = 2
    if isinstance(dim, int):
        dim = (dim,)
    axes = _dims(dim, d.ndim)
    a = np.abs(d)
    if p == 2:
        out = np.sqrt(np.add.reduce(d * d, axis=axes, keepdims=keepdim))
    elif p == 1:
        out = np.add.reduce(a, axis=axes, keepdims=keepdim)
    elif p == float("inf"):
        out = np.max(a, axis=axes, keepdims=keepdim)
    elif p == float("-inf"):
        out = np.min(a, axis=axes, keepdims=keepdim)
    elif p == 0:
        out = np.sum(a != 0, axis=axes, keepdims=keepdim).astype(d.dtype)
    else:
        out = np.add.reduce(a.astype(np.float64) ** p, axis=axes, keepdims=keepdim) ** (1.0 / p)
    t = record(node_cls, np.asarray(out).astype(d.dtype), (x,), None, (d.shape, axes, keepdim, p))
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


class DistBackward0(LinalgVectorNormBackward0):
    """dist(a, b, p) is the p-norm of a - b: b receives the norm's gradient negated."""

    def backward(self, g):
        (grad,) = super().backward(g)
        return (grad, -grad)


def dist(x, other, p: float = 2) -> Tensor:
    """torch.dist: the p-norm of x - other (broadcast), as one node of its own."""
    x, other = tensor_of(x), tensor_of(other)
    diff = x.detach() - other.detach()  # torch's promotion; the graph is this node's
    out = norm(diff, p)._data
    t = record(DistBackward0, out, (x, other), None,
               (diff._data.shape, _dims(None, diff._data.ndim), False, p))
    if t.grad_fn is not None:
        t.grad_fn.save(diff, t)
    return t


_max_result = return_type("max")
_min_result = return_type("min")


class MaxBackward1(Node):
    """Full max/min: the gradient is shared evenly between tied elements, as in PyTorch."""

    def backward(self, g):
        (x, r) = self.saved
        hit = x == r
        return (hit * (g / hit.sum()),)


class MinBackward1(MaxBackward1):
    pass


class MaxBackward0(Node):
    """max/min along a dim: the gradient goes to the selected index only."""

    def backward(self, g):
        from engine.ops.index import scatter_along

        in_shape, dim, keepdim, idx = self.args
        return (scatter_along(g, in_shape, dim, idx, keepdim),)


class MinBackward0(MaxBackward0):
    pass


class AmaxBackward0(Node):
    def backward(self, g):
        (x, r) = self.saved
        in_shape, axes, keepdim = self.args
        re = _expand_back(r, in_shape, axes, keepdim)
        hit = x == re
        count = hit.sum(dim=axes, keepdim=True)
        return (_expand_back(g, in_shape, axes, keepdim) * hit / count,)


class AminBackward0(AmaxBackward0):
    pass


class AminmaxBackward0(AmaxBackward0):
    """Each of aminmax's two results (PyTorch has one node with two outputs)."""


def _extreme(x, dim, keepdim, is_max: bool, other=None):
    from engine.ops.select import maximum, minimum

    if other is not None or isinstance(dim, type(x)):
        return (maximum if is_max else minimum)(x, dim if other is None else other)
    x = tensor_of(x)
    d = x._data
    name = "max" if is_max else "min"
    if d.size == 0 and dim is None:
        raise RuntimeError(
            f"{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify "
            "the reduction dim with the 'dim' argument."
        )
    if dim is None:
        out = np.asarray(d.max() if is_max else d.min())
        t = record(MaxBackward1 if is_max else MinBackward1, out, (x,))
        if t.grad_fn is not None:
            t.grad_fn.save(x, t)
        return t
    dim = _wrap_dim(int(dim), d.ndim)
    idx = (np.argmax if is_max else np.argmin)(d, axis=dim, keepdims=True) if d.ndim else \
        np.zeros((), dtype=np.int64)
    vals = np.take_along_axis(d, idx, axis=dim) if d.ndim else d.copy()
    if not keepdim and d.ndim:
        vals = vals.squeeze(dim)
    cls = MaxBackward0 if is_max else MinBackward0
    values = record(cls, np.asarray(vals), (x,), None, (d.shape, dim, keepdim, idx))
    indices = wrap(np.asarray(idx if keepdim or not d.ndim else idx.squeeze(dim), np.int64))
    return (_max_result if is_max else _min_result)(values, indices)


def max(x, dim=None, keepdim: bool = False, *, other=None):  # noqa: A001 - torch.max
    return _extreme(x, dim, keepdim, True, other)


def min(x, dim=None, keepdim: bool = False, *, other=None):  # noqa: A001 - torch.min
    return _extreme(x, dim, keepdim, False, other)


def _amax(x, dim, keepdim, is_max, node=None):
    x = tensor_of(x)
    d = x._data
    axes = _dims(dim if dim != () else None, d.ndim)
    out = np.asarray((np.max if is_max else np.min)(d, axis=axes, keepdims=keepdim))
    node = node or (AmaxBackward0 if is_max else AminBackward0)
    t = record(node, out, (x,), None, (d.shape, axes, keepdim))
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


def amax(x, dim=(), keepdim: bool = False):
    return _amax(x, dim, keepdim, True)


def amin(x, dim=(), keepdim: bool = False):
    return _amax(x, dim, keepdim, False)


_aminmax_result = return_type("aminmax", ("min", "max"))


def aminmax(x, *, dim=None, keepdim: bool = False):
    return _aminmax_result(_amax(x, dim, keepdim, False, AminmaxBackward0),
                           _amax(x, dim, keepdim, True, AminmaxBackward0))


def bincount(x, weights=None, minlength: int = 0):
    """Occurrences of each non-negative integer (summed weights with `weights`); no gradient."""
    d = tensor_of(x)._data
    if d.dtype.kind == "f":
        from engine.nn.functional import _type_name

        raise NotImplementedError(f'"bincount_cpu" not implemented for \'{_type_name(x)}\'')
    if d.ndim != 1 or d.dtype.kind not in "iu" or (d.size and d.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if weights is None:
        return wrap(np.bincount(d, minlength=minlength).astype(np.int64))
    w = tensor_of(weights)._data
    return wrap(np.bincount(d, weights=w, minlength=minlength).astype(w.dtype))


def argmax(x, dim=None, keepdim: bool = False):
    d = tensor_of(x)._data
    if dim is None:
        return wrap(np.asarray(np.argmax(d), dtype=np.int64))
    return wrap(np.asarray(np.argmax(d, axis=_wrap_dim(dim, d.ndim), keepdims=keepdim), np.int64))


def argmin(x, dim=None, keepdim: bool = False):
    d = tensor_of(x)._data
    if dim is None:
        return wrap(np.asarray(np.argmin(d), dtype=np.int64))
    return wrap(np.asarray(np.argmin(d, axis=_wrap_dim(dim, d.ndim), keepdims=keepdim), np.int64))


class LogsumexpBackward0(Node):
    def backward(self, g):
        from engine.ops.unary import exp

        (x, r) = self.saved
        in_shape, axes, keepdim = self.args
        re = _expand_back(r, in_shape, axes, keepdim)
        return (_expand_back(g, in_shape, axes, keepdim) * exp(x - re),)


def logsumexp(x, dim, keepdim: bool = False):
    x = tensor_of(x)
    d = x._data
    axes = _dims(dim, d.ndim)
    d64 = d.astype(np.float64)
    m = np.max(d64, axis=axes, keepdims=True) if d.size else np.zeros(_kept_shape(d.shape, axes))
    m = np.where(np.isfinite(m), m, 0.0)
    out = np.log(np.add.reduce(np.exp(d64 - m), axis=axes, keepdims=True)) + m
    if not keepdim:
        out = out.reshape(tuple(s for i, s in enumerate(d.shape) if axes is not None and i not in axes))
    t = record(LogsumexpBackward0, np.asarray(out).astype(d.dtype), (x,), None,
               (d.shape, axes, keepdim))
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


class CumsumBackward0(Node):
    def backward(self, g):
        dim = self.args
        from engine.ops.shape import flip

        return (flip(cumsum(flip(g, (dim,)), dim), (dim,)),)


def cumsum(x, dim: int, dtype=None):
    x = tensor_of(x)
    d = _accumulation_data(x, dtype)
    dim = _wrap_dim(dim, d.ndim)
    out = np.cumsum(d, axis=dim) if d.ndim else d.copy()
    return record(CumsumBackward0, out, (x,), None, dim)


def all(x, dim=None, keepdim: bool = False):  # noqa: A001 - torch.all
    d = tensor_of(x)._data
    return wrap(np.asarray(np.all(d, axis=_dims(dim, d.ndim), keepdims=keepdim)))


def any(x, dim=None, keepdim: bool = False):  # noqa: A001 - torch.any
    d = tensor_of(x)._data
    return wrap(np.asarray(np.any(d, axis=_dims(dim, d.ndim), keepdims=keepdim)))


def count_nonzero(x, dim=None):
    d = tensor_of(x)._data
    return wrap(np.asarray(np.count_nonzero(d, axis=_dims(dim, d.ndim)), dtype=np.int64))


class NansumBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        in_shape, axes, keepdim = self.args
        return (where(x != x, 0.0, _expand_back(g, in_shape, axes, keepdim)),)


def nansum(x, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """sum treating nan as zero (nan gets no gradient)."""
    x = tensor_of(x)
    d = _accumulation_data(x, dtype)
    if d.dtype.kind == "f":
        d = np.where(np.isnan(d), d.dtype.type(0), d)
    axes = _dims(dim, d.ndim)
    out = torch_sum(d, axes, keepdim)
    return record(NansumBackward0, out, (x,), (x,), (d.shape, axes, keepdim))


class CumprodBackward0(Node):
    def backward(self, g):
        (x, r) = self.saved
        dim = self.args
        if x._data.ndim == 0:
            return (g,)
        if (x._data != 0).all():
            # d r_j / d x_k = r_j / x_k for j >= k: a reversed cumulative sum of g * r, over x
            return (_reverse_cumsum(g * r, dim) / x,)
        return (_cumprod_grad_with_zeros(g, x, dim),)


def _reverse_cumsum(t, dim: int):
    from engine.ops.shape import flip

    return flip(cumsum(flip(t, (dim,)), dim), (dim,))


def _cumprod_grad_with_zeros(g, x, dim: int):
    """Dividing by x fails at zeros: grad_k = sum_{j>=k} g_j prod_{i<=j, i!=k} x_i, built from
    an n x n stack of x with x_k replaced by 1 in row k (O(n^2), as x holds zeros only here)."""
    from engine.ops.shape import transpose

    xt, gt = transpose(x, dim, -1), transpose(g, dim, -1)
    n = xt._data.shape[-1]
    eye = wrap(np.eye(n, dtype=bool))
    rows = cumprod(where(eye, 1.0, xt.unsqueeze(-2)), -1)  # rows[..., k, j]
    upper = wrap(np.triu(np.ones((n, n), dtype=xt._data.dtype)))  # j >= k
    grad = sum(gt.unsqueeze(-2) * rows * upper, -1)
    return transpose(grad, dim, -1)


def cumprod(x, dim: int, *, dtype=None) -> Tensor:
    """Running product along `dim` (integers accumulate in int64, as torch)."""
    x = tensor_of(x)
    d = _accumulation_data(x, dtype)
    dim = _wrap_dim(dim, d.ndim)
    out = np.cumprod(d, axis=dim) if d.ndim else d.copy()
    t = record(CumprodBackward0, out, (x,), None, dim)
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t
