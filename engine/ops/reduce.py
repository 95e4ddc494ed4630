"""Reductions with `dim`/`keepdim`, each forward next to its backward rule."""
from __future__ import annotations

import builtins
import math

import numpy as np

from engine import dtypes
from engine.autograd.grad_mode import STATE
from engine.autograd.node import Node
from engine.ops import vector_math
from engine.ops._core import Tensor, record, return_type, tensor_of, wrap
from engine.ops.cascade_sum import torch_sum
from engine.ops.select import grad_where, where
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


def _out_shape(shape: tuple, axes, keepdim: bool) -> tuple:
    if keepdim:
        return _kept_shape(shape, axes)
    return tuple(s for i, s in enumerate(shape) if axes is not None and i not in axes)


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


def mean(x, dim=None, keepdim: bool = False, dtype=None):
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
    cls = MeanBackward0 if dim is None else MeanBackward1
    return record(cls, out.astype(d.dtype, copy=False), (x,), None, (d.shape, axes, keepdim))


def _legacy_name(nd: np.dtype) -> str:
    return {"int64": "Long", "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
            "bool": "Bool"}.get(nd.name, nd.name.capitalize())


class ProdBackward0(Node):
    """torch's prod_backward: g * (result / x) without zeros; with zeros, the product of the
    other elements from exclusive cumulative products (no division). A whole-tensor product
    with several zeros has a zero gradient (torch's shortcut when no graph is built)."""

    def backward(self, g):
        (x, r) = self.saved
        in_shape, axes, keepdim = self.args
        if not x._data.ndim:
            return (g,)
        gx = _expand_back(g, in_shape, axes, keepdim)
        zeros = int(np.count_nonzero(x._data == 0))
        if zeros == 0:
            return (gx * (_expand_back(r, in_shape, axes, keepdim) / x),)
        if axes is not None:
            return (_prod_safe_zeros_backward(gx, x, axes[0]),)
        if zeros > 1 and not STATE.enabled:
            return (wrap(np.zeros_like(x._data)),)
        flat = reshape(x, (-1,))
        return (reshape(_prod_safe_zeros_backward(reshape(gx, (-1,)), flat, 0), in_shape),)


class ProdBackward1(ProdBackward0):
    pass


def _prod_safe_zeros_backward(g, x, dim: int):
    """torch's prod_safe_zeros_backward: g times the product of x's other elements along `dim`,
    as the exclusive cumulative products from the front and from the back."""
    from engine.ops.join import cat
    from engine.ops.shape import flip

    n = x._data.shape[dim]
    if n == 1:
        return g
    ones = wrap(np.ones(_kept_shape(x._data.shape, (dim,)), dtype=x._data.dtype))
    head = (slice(None),) * dim
    before = cumprod(cat([ones, x[head + (slice(0, n - 1),)]], dim), dim)
    after = flip(cumprod(cat([ones, flip(x[head + (slice(1, n),)], (dim,))], dim), dim), (dim,))
    return g * (before * after)


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


def _var_forward(d: np.ndarray, axes, corr: float, keepdim: bool, take_sqrt: bool = False,
                 with_mean: bool = False):
    """var (or std: the square root taken before rounding to the dtype) as torch's CPU kernels
    compute it: a single result is two-pass in double around the dtype's mean (std_var_all_cpu);
    several results run Welford's update in double, one element at a time (WelfordOps). With
    `with_mean`, returns (var, mean) from Welford for every shape, as var_mean does."""
    if d.dtype.kind != "f":
        raise RuntimeError("std and var only support floating point and complex dtypes")
    all_axes = tuple(range(d.ndim)) if axes is None else axes
    kept = [i for i in range(d.ndim) if i not in all_axes]
    out_shape = _out_shape(d.shape, axes, keepdim)
    n = _count(d.shape, axes)
    if d.size == 0:
        nan = np.full(out_shape, np.nan, dtype=d.dtype)
        return (nan, nan.copy()) if with_mean else nan
    rows = np.transpose(d, kept + list(all_axes)).reshape(-1, n)
    if rows.shape[0] == 1 and not with_mean:
        mean = float(torch_sum(d, None, False) / d.dtype.type(n))
        dx = np.ravel(d, order="K").astype(np.float64) - mean  # memory order, as torch
        m2 = np.cumsum(dx * dx)[-1:]  # torch adds the squares in order
    else:
        mean, m2 = _welford(rows)
    with np.errstate(divide="ignore", invalid="ignore"):  # too few elements: inf/nan, as torch
        v = m2 / builtins.max(0.0, n - corr)
        if take_sqrt:
            v = np.sqrt(v)
    v = v.astype(d.dtype).reshape(out_shape)
    return (v, mean.astype(d.dtype).reshape(out_shape)) if with_mean else v


def _welford(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """torch's WelfordOps over each row, in double: (mean, m2) per row. A few rows run on Python
    floats (a numpy call per element costs 10x more); many rows update together, per column."""
    if rows.shape[0] <= 8:
        means, m2s = [], []
        for row in rows.tolist():
            mean = m2 = 0.0
            for i, v in enumerate(row, 1):
                delta = v - mean
                mean += delta / i
                m2 += delta * (v - mean)
            means.append(mean)
            m2s.append(m2)
        return np.array(means), np.array(m2s)
    mean = np.zeros(rows.shape[0])
    m2 = np.zeros(rows.shape[0])
    for i, v in enumerate(rows.T.astype(np.float64), 1):
        delta = v - mean
        mean += delta / i
        m2 += delta * (v - mean)
    return mean, m2


class VarBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        in_shape, axes, keepdim, corr = self.args
        return (_var_backward(_expand_back(g, in_shape, axes, keepdim), x, axes, in_shape, corr),)


def _var_std(x, dim, unbiased, keepdim: bool, correction, node, take_sqrt: bool,
             mean_node=None):
    """var/std recorded as `node`; with `mean_node`, (var/std, mean) as var_mean/std_mean."""
    x = tensor_of(x)
    dim, unbiased, keepdim = _var_args(dim, unbiased, keepdim)
    d = x._data
    axes = _dims(dim, d.ndim)
    corr = _correction(unbiased, correction)
    out = _var_forward(d, axes, corr, keepdim, take_sqrt, with_mean=mean_node is not None)
    if mean_node is not None:
        out, mean_out = out
    t = record(node, out, (x,), None, (d.shape, axes, keepdim, corr))
    if t.grad_fn is not None:  # std's rule also needs its result
        if take_sqrt:
            t.grad_fn.save(x, t)
        else:
            t.grad_fn.save(x)
    if mean_node is None:
        return t
    return t, record(mean_node, mean_out, (x,), None, (d.shape, axes, keepdim))


def var(x, dim=None, unbiased=None, keepdim: bool = False, *, correction=None):
    return _var_std(x, dim, unbiased, keepdim, correction, VarBackward0, False)


class StdBackward0(Node):
    def backward(self, g):
        (x, r) = self.saved
        in_shape, axes, keepdim, corr = self.args
        # Where std is 0 every centered value is 0 too: PyTorch's gradient there is 0, not nan.
        safe = where(r == 0, 1.0, r)
        gr = _expand_back(g / (safe * 2), in_shape, axes, keepdim)
        return (_var_backward(gr, x, axes, in_shape, corr),)


def std(x, dim=None, unbiased=None, keepdim: bool = False, *, correction=None):
    return _var_std(x, dim, unbiased, keepdim, correction, StdBackward0, True)


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
    return _var_std(x, dim, unbiased, keepdim, correction, VarMeanBackward0, False, _VarMeanMean)


def std_mean(x, dim=None, unbiased=None, keepdim: bool = False, *, correction=None) -> tuple:
    """(std, mean) over the same dims, in one call."""
    return _var_std(x, dim, unbiased, keepdim, correction, StdMeanBackward0, True, _StdMeanMean)


class TraceBackward0(Node):
    def backward(self, g):
        # g on the diagonal, a real 0 elsewhere (g * eye would give -0. for negative g)
        return (grad_where(wrap(np.eye(*self.args, dtype=bool)), g),)


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
    if p == 2:  # grad * (x / norm), in that order (its rounding shows in .tolist())
        return g * where(norm == 0, 0.0, x / safe)
    scale = where(norm == 0, 0.0, g / safe ** (p - 1))
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
    if _count(d.shape, axes) == 1 and p != 0:
        out = a.reshape(_out_shape(d.shape, axes, keepdim))  # torch: nothing to reduce, |x|
    elif p == float("inf"):
        out = np.max(a, axis=axes, keepdims=keepdim)
    elif p == float("-inf"):
        out = np.min(a, axis=axes, keepdims=keepdim)
    elif p == 0:
        out = np.sum(a != 0, axis=axes, keepdims=keepdim).astype(d.dtype)
    else:
        out = _norm_p(d, p, axes, keepdim)
    t = record(node_cls, np.asarray(out).astype(d.dtype), (x,), None, (d.shape, axes, keepdim, p))
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


def _norm_p(d: np.ndarray, p: float, axes, keepdim: bool) -> np.ndarray:
    """A finite, non-zero p-norm as torch's CPU kernels compute it: p=2 over trailing dims has a
    vectorised kernel; otherwise each |x| (p=1) or |x|^p (rounded to the dtype) is added one at
    a time in the dtype, and the sum raised to 1/p (1/p in the dtype, the power rounded once)."""
    rows = _trailing_rows(d, axes)
    out_shape = _out_shape(d.shape, axes, keepdim)
    if p == 2:
        if rows is not None:
            return _norm_two_rows(rows).reshape(out_shape)
        return np.sqrt(np.add.reduce(d * d, axis=axes, keepdims=keepdim))
    a = np.abs(d if rows is None else rows)
    terms = a if p == 1 else _pow(a, p)
    if rows is None:  # numpy adds along leading axes in order too
        total = np.add.reduce(terms, axis=axes, keepdims=keepdim)
    else:
        total = np.cumsum(terms, axis=1)[:, -1].reshape(out_shape)
    return total if p == 1 else _pow(np.asarray(total), float(d.dtype.type(1.0 / p)))


def _pow(a: np.ndarray, e: float) -> np.ndarray:
    """a ** e (a >= 0) rounded once to a's dtype, as the C library's pow: float32 through
    double; float64 element by element with math.pow, as numpy's vectorised double pow is off by
    an ulp at times."""
    if a.dtype != np.float64:
        return (a.astype(np.float64) ** e).astype(a.dtype)
    return np.array([_c_pow(v, e) for v in a.ravel().tolist()], dtype=np.float64).reshape(a.shape)


def _c_pow(v: float, e: float) -> float:
    try:
        return math.pow(v, e)
    except (OverflowError, ValueError):  # C's pow: overflow and 0 ** negative give inf
        return math.inf


def _trailing_rows(d: np.ndarray, axes):
    """`d` as (outputs, reduced elements) rows in the order torch's norm kernels visit them: for
    a float32/float64 reduction over all dims (memory order) or over the trailing dims of a
    C-contiguous array. None otherwise (other layouts reduce along the dims in numpy's order,
    which is torch's there too)."""
    if d.dtype not in (np.float32, np.float64) or d.size == 0:
        return None
    if axes is None or len(axes) == d.ndim:
        return np.ravel(d, order="K").reshape(1, -1)
    if d.flags.c_contiguous and axes == tuple(range(d.ndim - len(axes), d.ndim)):
        return d.reshape(-1, _count(d.shape, axes))
    return None


def _norm_two_rows(rows: np.ndarray) -> np.ndarray:
    """The 2-norm of each row as torch's CPU kernel computes it (measured to the bit): squares
    accumulate in 256 bits of lanes (8 float32, 4 float64), the lanes are folded left to right,
    then of the remaining elements four are added as rounded squares (the compiler vectorises
    their squaring) and the others by fused multiply-adds."""
    dt = rows.dtype
    lanes = 32 // dt.itemsize
    n_rows, n = rows.shape
    main = n - n % lanes
    squares = rows * rows
    total = np.zeros(n_rows, dt)
    if main:
        acc = np.cumsum(squares[:, :main].reshape(n_rows, -1, lanes), axis=1)[:, -1]
        total = acc[:, 0]
        for j in range(1, lanes):
            total = total + acc[:, j]
    rest = main
    if n - main >= 4:
        for k in range(main, main + 4):
            total = total + squares[:, k]
        rest = main + 4
    fused = vector_math.fma if dt == np.float32 else vector_math.fma64
    for k in range(rest, n):
        total = fused(rows[:, k], rows[:, k], total)
    return np.sqrt(total)


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
        # torch's evenly_distribute_backward: zeros, with g / count written where x is the result
        # (a nan result: where x is nan).
        (x, r) = self.saved
        hit = (x != x) if r._data != r._data else (x == r)
        return (grad_where(hit, g / hit.sum()),)


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


def histc(x, bins: int = 100, min: float = 0, max: float = 0):  # noqa: A002 - torch's names
    """Counts of x's elements in `bins` equal-width bins over [min, max] (the data's range when
    min == max), elements outside ignored, as ATen's linear-interpolation kernel computes it in
    x's dtype; no gradient."""
    d = tensor_of(x)._data
    if d.dtype.kind != "f":
        from engine.nn.functional import _type_name

        raise NotImplementedError(f'"histogram_cpu" not implemented for \'{_type_name(x)}\'')
    lo, hi = float(min), float(max)
    if lo == hi and d.size:
        lo, hi = float(d.min()), float(d.max())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise RuntimeError(f"torch.histc: range of [{lo}, {hi}] is not finite")
    if not lo < hi:
        raise RuntimeError("torch.histc: max must be larger than min")
    t = d.dtype.type
    left, right = t(lo), t(hi)  # linspace's end points, in x's dtype
    flat = d.reshape(-1)
    inside = flat[(flat >= left) & (flat <= right)]
    pos = ((inside - left) * t(bins) / (right - left)).astype(np.int64)
    pos[pos == bins] = bins - 1  # the right edge belongs to the last bin
    return wrap(np.bincount(pos, minlength=bins).astype(d.dtype))


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


_mode_result = return_type("mode")


class ModeBackward0(MaxBackward0):
    pass


def mode(x, dim: int = -1, keepdim: bool = False):
    """The most frequent value along `dim` and its index: the smallest of equally frequent
    values, and its last occurrence (torch sorts (value, index) pairs and takes each run's end).
    nan never equals nan, so each nan counts once."""
    x = tensor_of(x)
    d = x._data
    dim = _wrap_dim(int(dim), d.ndim)
    if d.ndim and d.shape[dim] == 0:
        raise IndexError(f"mode(): Expected reduction dim {dim} to have non-zero size.")
    if not d.ndim:
        values = record(ModeBackward0, d.copy(), (x,), None,
                        (d.shape, dim, keepdim, np.zeros((), np.int64)))
        return _mode_result(values, wrap(np.zeros((), np.int64)))
    rows = np.moveaxis(d, dim, -1).reshape(-1, d.shape[dim])
    picked = np.empty(rows.shape[0], dtype=np.int64)
    for r, row in enumerate(rows):
        order = np.argsort(row, kind="stable")  # equal values keep index order
        sv = row[order]
        run_end = np.flatnonzero(np.append(sv[1:] != sv[:-1], True))
        lengths = np.diff(np.append(-1, run_end))
        picked[r] = order[run_end[np.argmax(lengths)]]  # argmax: the first (smallest) longest run
    others = d.shape[:dim] + d.shape[dim + 1:]
    idx = np.moveaxis(picked.reshape(others + (1,)), -1, dim)
    vals = np.take_along_axis(d, idx, axis=dim)
    if not keepdim:
        vals = vals.squeeze(dim)
    values = record(ModeBackward0, np.asarray(vals), (x,), None, (d.shape, dim, keepdim, idx))
    indices = wrap(np.array(idx if keepdim else idx.squeeze(dim)))
    return _mode_result(values, indices)


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
        out = out.reshape(_out_shape(d.shape, axes, False))
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


_CUMULATIVE_ACC = {np.dtype(np.float32): np.float64, np.dtype(np.float16): np.float32}


def _cumulate(np_fn, d: np.ndarray, dim: int) -> np.ndarray:
    """A running sum/product along `dim` as torch's CPU kernel runs it: one element at a time in
    its accumulation type (double for float32, float for float16), each running value rounded
    to the dtype."""
    if not d.ndim:
        return d.copy()
    acc = _CUMULATIVE_ACC.get(d.dtype)
    if acc is None:
        return np_fn(d, axis=dim)
    return np_fn(d, axis=dim, dtype=acc).astype(d.dtype)


def _running_sum(d: np.ndarray, dim: int) -> np.ndarray:
    out = _cumulate(np.cumsum, d, dim)
    if out.dtype.kind == "f" and d.ndim:
        out += 0.0  # torch's running sum starts from +0.: a run of -0. sums to 0., not -0.
    return out


def cumsum(x, dim: int, dtype=None):
    """Running sum along `dim` (float32 accumulated in double, integers in int64, as torch)."""
    x = tensor_of(x)
    d = _accumulation_data(x, dtype)
    dim = _wrap_dim(dim, d.ndim)
    return record(CumsumBackward0, _running_sum(d, dim), (x,), None, dim)


class LogcumsumexpBackward0(Node):
    def backward(self, g):
        """torch's logcumsumexp_backward: exp(x_k) * sum_{j >= k} g_j exp(-r_j), split by the
        sign of g so that each part is a (reversed) logcumsumexp of logs, which cannot overflow."""
        from engine.ops.shape import flip
        from engine.ops.unary import exp, log

        (x, r) = self.saved
        dim = self.args
        if x._data.ndim == 0:
            return (g,)
        lowest = float(np.finfo(g._data.dtype).min)
        log_abs = log(g.abs())
        pos = where(g > 0, log_abs, lowest)
        neg = where(g < 0, log_abs, lowest)

        def reverse_lcse(t):
            return flip(logcumsumexp(flip(t, (dim,)), dim), (dim,))

        return (exp(reverse_lcse(pos - r) + x) - exp(reverse_lcse(neg - r) + x),)


def _log_add_exp(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """torch's _log_add_exp_helper(x, y) elementwise: max + log1p(exp(min - max)), with
    std::min/max's comparisons (nan in y propagates) and x kept when both are the same
    infinity."""
    y_nan = np.isnan(y)
    lo = np.where(y_nan | (y < x), y, x)
    hi = np.where(y_nan | (x < y), y, x)
    return np.where((lo != hi) | np.isfinite(lo), hi + np.log1p(np.exp(lo - hi)), x)


def logcumsumexp(x, dim: int) -> Tensor:
    """log(cumsum(exp(x))) along `dim`, accumulated one element at a time in float64 (torch's
    CPU accumulation type for float too), each running value rounded to the dtype."""
    x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        from engine.nn.functional import _type_name

        raise NotImplementedError(f'"logcumsumexp_out_cpu" not implemented for \'{_type_name(x)}\'')
    dim = _wrap_dim(dim, d.ndim)
    out = d.copy()
    if d.ndim:
        src = np.moveaxis(d, dim, 0).astype(np.float64)
        dst = np.moveaxis(out, dim, 0)  # a view: rows written here land in `out`
        acc = np.full(src.shape[1:], -np.inf)
        for i in range(src.shape[0]):
            acc = _log_add_exp(src[i], acc)
            dst[i] = acc
    t = record(LogcumsumexpBackward0, out, (x,), None, dim)
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


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
        if x._data.size <= 1 or x._data.shape[dim] == 1:
            return (g,)
        if (x._data != 0).all():
            # d r_j / d x_k = r_j / x_k for j >= k: a reversed cumulative sum of g * r, over x
            return (_reverse_cumsum(g * r, dim) / x,)
        if not STATE.enabled:
            return (wrap(_cumprod_grad_with_zeros_no_graph(g._data, x._data, r._data, dim)),)
        return (_cumprod_grad_with_zeros(g, x, dim),)


def _cumprod_grad_with_zeros_no_graph(g: np.ndarray, x: np.ndarray, r: np.ndarray,
                                      dim: int) -> np.ndarray:
    """torch's O(n) cumprod gradient for inputs with zeros, used when no graph is built, op
    for op (so the bits match). Along `dim`, with z1 the first zero: before z1 the usual
    reversed cumsum of g * r over x; at z1, the sum over j of g_j times the product of the
    elements after z1 up to j (no second zero between), times r[z1 - 1]; after z1, 0."""
    zeros_so_far = np.cumsum(x == 0, axis=dim)
    before = zeros_so_far == 0
    masked = np.where(before, r * g, 0)
    with np.errstate(divide="ignore", invalid="ignore"):  # only the entries before z1 are kept
        out = np.where(before, np.flip(_running_sum(np.flip(masked, dim), dim), dim) / x, 0)
    first_run = zeros_so_far == 1
    z1 = np.argmax(first_run, axis=dim, keepdims=True)  # 0 where a slice has no zero
    at_z1 = np.zeros_like(first_run)
    np.put_along_axis(at_z1, z1, True, axis=dim)
    at_z1 &= first_run
    after = _cumulate(np.cumprod, np.where(first_run & ~at_z1, x, 1), dim)
    total = torch_sum(after * np.where(first_run, g, 0), (dim,), True)
    prev = np.where(z1 == 0, 1, np.take_along_axis(r, np.maximum(z1 - 1, 0), axis=dim))
    return np.where(at_z1, total * prev, out)


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
    """Running product along `dim` (accumulated as cumsum's)."""
    x = tensor_of(x)
    d = _accumulation_data(x, dtype)
    dim = _wrap_dim(dim, d.ndim)
    t = record(CumprodBackward0, _cumulate(np.cumprod, d, dim), (x,), None, dim)
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t
