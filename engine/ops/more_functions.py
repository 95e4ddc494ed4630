"""Less common torch functions course code reaches for: numerical integration (trapezoid,
cumulative_trapezoid), matrix builders (kron, block_diag, cartesian_prod, vander), rot90,
tensor_split, renorm, nanmedian, and the in-place shape methods (unsqueeze_, squeeze_, t_,
transpose_, resize_).

Where PyTorch composes a function from other ops (trapezoid, kron, vander, tensor_split,
cartesian_prod) it is composed the same way here, so results carry the grad_fn PyTorch shows and
gradients come from those ops' rules; the others have their own node, named as PyTorch's.
"""
from __future__ import annotations

import functools
from typing import Optional, Sequence, Union

import numpy as np

from engine import dtypes
from engine.autograd.grad_mode import STATE
from engine.autograd.node import Node
from engine.ops._core import Tensor, record, return_type, tensor_of, wrap
from engine.ops.arith import add, mul, sub
from engine.ops.index import GatherBackward0, _argsort, getitem
from engine.ops.join import stack
from engine.ops.reduce import cumprod, cumsum, sum as _sum
from engine.ops.select import where
from engine.ops.shape import (
    SqueezeBackward0, SqueezeBackward4, TBackward0, TransposeBackward1, UnsqueezeBackward1,
    _strided, clone, flip, reshape, squeeze, transpose, unsqueeze,
)
from engine.ops.special_functions import MulBackward1
from engine.tensor import _wrap_dim, bump_version

# ---------------------------------------------------------------- tensor (op) number

class DivBackward1(Node):
    """Tensor divided by a number, in PyTorch's composite ops (trapezoid's final `/ 2.`)."""

    def backward(self, g):
        return (g / self.args,)


def _by_number(t: Tensor, k: float, node) -> Tensor:
    """t * k (MulBackward1) or t / k (DivBackward1) with k a double, as ATen's Scalar overloads
    compute it: integer tensors give the default float dtype."""
    d = t._data
    if d.dtype.kind != "f":
        d = d.astype(dtypes.default_float())
    k_ = d.dtype.type(k)
    out = np.multiply(d, k_) if node is MulBackward1 else np.divide(d, k_)
    return record(node, np.asarray(out), (t,), None, k)


def _along(t: Tensor, dim: int, index) -> Tensor:
    """t[..., index] at `dim`: a SelectBackward0 (int) or SliceBackward0 (slice) view."""
    return getitem(t, (slice(None),) * dim + (index,))


# ---------------------------------------------------------------- trapezoid

def _signature_error(name: str, got: str) -> TypeError:
    """The TypeError torch's argument parser raises for both `x` and `dx` (or a number `x`)."""
    with_x = " * (Tensor y, Tensor x, *, int dim = -1)\n"
    if name == "trapz":
        overloads = " * (Tensor y, *, float dx = 1, int dim = -1)\n" + with_x
    else:
        overloads = with_x + " * (Tensor y, *, Number dx = 1, int dim = -1)\n"
    return TypeError(f"{name}() received an invalid combination of arguments - got ({got}), but "
                     f"expected one of:\n{overloads}")


def _integration_args(name: str, y, x, dx, dim: int):
    """Validate trapezoid-style arguments; returns (y, x or None, dx or None, wrapped dim)."""
    if x is not None and not isinstance(x, Tensor):
        raise _signature_error(name, f"Tensor, {type(x).__name__}")
    if x is not None and dx is not None:
        raise _signature_error(name, f"Tensor, Tensor, dx={type(dx).__name__}")
    y = tensor_of(y)
    if y._data.dtype.kind == "b" or (x is not None and x._data.dtype.kind == "b"):
        what = "`y`" if x is None else "`x` or `y`"
        raise RuntimeError(f"{name}: received a bool input for {what}, but bool is not supported")
    return y, x, (1.0 if dx is None and x is None else dx), _wrap_dim(dim, y._data.ndim)


def _sample_steps(name: str, y: Tensor, x: Tensor, dim: int) -> Tensor:
    """x's differences along `dim`, shaped to broadcast against y's (torch views a 1-D x as
    [1, ..., n, ..., 1] and left-pads a lower-dimensional one, not broadcasting x to y first)."""
    ny = y._data.ndim
    if x._data.ndim == 1:
        if x._data.shape[0] != y._data.shape[dim]:
            raise RuntimeError(f"{name}: There must be one `x` value for each sample point")
        shape = [1] * ny
        shape[dim] = x._data.shape[0]
        x = reshape(x, tuple(shape))
    elif x._data.ndim < ny:
        x = reshape(x, (1,) * (ny - x._data.ndim) + x._data.shape)
    return sub(_along(x, dim, slice(1, None)), _along(x, dim, slice(None, -1)))


def _check_sampled(y: Tensor, dim: int) -> None:
    if y._data.ndim == 0:
        raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")


def trapezoid(y, x: Optional[Tensor] = None, *, dx: Optional[float] = None,
              dim: int = -1, _name: str = "trapezoid") -> Tensor:
    """The trapezoidal rule along `dim`: samples `y` at points `x` (or spaced `dx`, default 1)."""
    y, x, dx, d = _integration_args(_name, y, x, dx, dim)
    _check_sampled(y, dim)
    if y._data.shape[d] == 0:  # no samples: 0, as numpy
        shape = y._data.shape[:d] + y._data.shape[d + 1:]
        return wrap(np.zeros(shape, dtype=y._data.dtype))
    if x is None:
        # torch's constant-spacing formula: (sum(y) - (y_first + y_last) / 2) * dx
        ends = add(_along(y, d, 0), _along(y, d, -1))
        inner = sub(_sum(y, d), _by_number(ends, 0.5, MulBackward1))
        return _by_number(inner, float(dx), MulBackward1)
    steps = _sample_steps(_name, y, x, d)
    pairs = add(_along(y, d, slice(None, -1)), _along(y, d, slice(1, None)))
    return _by_number(_sum(mul(pairs, steps), d), 2.0, DivBackward1)


def trapz(y, x: Optional[Tensor] = None, *, dx: Optional[float] = None, dim: int = -1) -> Tensor:
    """torch.trapz: the older name of trapezoid."""
    return trapezoid(y, x, dx=dx, dim=dim, _name="trapz")


def cumulative_trapezoid(y, x: Optional[Tensor] = None, *, dx: Optional[float] = None,
                         dim: int = -1) -> Tensor:
    """The running trapezoidal integral along `dim` (one value fewer than samples)."""
    name = "cumulative_trapezoid"
    y, x, dx, d = _integration_args(name, y, x, dx, dim)
    if y._data.ndim == 0:
        raise IndexError("slice() cannot be applied to a 0-dim tensor.")
    pairs = add(_along(y, d, slice(None, -1)), _along(y, d, slice(1, None)))
    if x is None:
        return cumsum(_by_number(pairs, float(dx) / 2.0, MulBackward1), d)
    steps = _sample_steps(name, y, x, d)
    return _by_number(cumsum(mul(pairs, steps), d), 2.0, DivBackward1)


# ---------------------------------------------------------------- matrix builders

class UnsafeViewBackward0(Node):
    """A reshape PyTorch's composite ops take with _unsafe_view (kron's)."""

    def backward(self, g):
        return (reshape(g, self.args),)


def _unsafe_view(t: Tensor, shape: tuple) -> Tensor:
    d = t._data
    return record(UnsafeViewBackward0, np.reshape(d, shape), (t,), None, d.shape)


def kron(input, other) -> Tensor:
    """The Kronecker product: every element of `input` times a copy of `other` (the lower-
    dimensional operand is padded with leading ones)."""
    a, b = tensor_of(input), tensor_of(other)
    n = max(a._data.ndim, b._data.ndim)
    sa = (1,) * (n - a._data.ndim) + a._data.shape
    sb = (1,) * (n - b._data.ndim) + b._data.shape
    # interleave: a as (a0, 1, a1, 1, ...), b as (1, b0, 1, b1, ...), so the product's
    # adjacent axis pairs merge into the result's axes
    av = _unsafe_view(a, tuple(v for s in sa for v in (s, 1)))
    bv = _unsafe_view(b, tuple(v for s in sb for v in (1, s)))
    return _unsafe_view(mul(av, bv), tuple(x * y for x, y in zip(sa, sb)))


class BlockDiagBackward0(Node):
    def backward(self, g):
        return tuple(reshape(g[r:r + h, c:c + w], shape) for r, c, h, w, shape in self.args)


def block_diag(*tensors) -> Tensor:
    """The block-diagonal matrix of the given scalars, vectors (one row each) and matrices."""
    ts = [tensor_of(t) for t in tensors]
    blocks = []
    for i, t in enumerate(ts):
        nd = t._data.ndim
        if nd > 2:
            raise RuntimeError(f"torch.block_diag: Input tensors must have 2 or fewer "
                               f"dimensions. Input {i} has {nd} dimensions")
        blocks.append(t._data.reshape((1,) * (2 - nd) + t._data.shape))
    if not blocks:
        return wrap(np.zeros((1, 0), dtype=dtypes.default_float()))
    rows, cols = sum(b.shape[0] for b in blocks), sum(b.shape[1] for b in blocks)
    out = np.zeros((rows, cols), dtype=functools.reduce(dtypes.promote_types,
                                                        (b.dtype for b in blocks)))
    spans, r, c = [], 0, 0
    for t, b in zip(ts, blocks):
        h, w = b.shape
        out[r:r + h, c:c + w] = b
        spans.append((r, c, h, w, t._data.shape))
        r, c = r + h, c + w
    return record(BlockDiagBackward0, out, tuple(ts), None, tuple(spans))


def cartesian_prod(*tensors) -> Tensor:
    """All combinations of the 1-D inputs' elements, one per row (a single input is returned
    as it is)."""
    from engine.ops.composite import meshgrid

    ts = [tensor_of(t) for t in tensors]
    for t in ts:
        if t._data.ndim != 1:
            raise RuntimeError(f"Expect a 1D vector, but got shape {list(t._data.shape)}")
    if len(ts) == 1:
        return ts[0]
    if not ts:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    # each grid is an expanded view: flattening it copies, as torch's reshape (clone + view)
    grids = meshgrid(*ts, indexing="ij")
    return stack([_unsafe_view(clone(g), (-1,)) for g in grids], 1)


def vander(x, N: Optional[int] = None, increasing: bool = False) -> Tensor:
    """The Vandermonde matrix: columns are powers of x (decreasing unless `increasing`), built as
    torch builds it: a running product of x written into a matrix of ones."""
    x = tensor_of(x)
    if x._data.ndim != 1:
        raise RuntimeError("x must be a one-dimensional tensor.")
    n = x._data.shape[0] if N is None else int(N)
    if n < 0:
        raise RuntimeError("N must be non-negative.")
    nd = x._data.dtype
    # cumprod promotes integers (and bools) to int64, and torch allocates the result so
    nd = nd if nd.kind == "f" else dtypes.I64
    result = wrap(np.ones((x._data.shape[0], n), dtype=nd))
    if n > 1:
        tail = (slice(None), slice(1, None))
        result[tail] = unsqueeze(x, 1)
        result[tail] = cumprod(result[tail], 1)
    return result if increasing else flip(result, (1,))


# ---------------------------------------------------------------- rot90

class Rot90Backward0(Node):
    def backward(self, g):
        k, dims = self.args
        return (rot90(g, -k, dims),)


def rot90(input, k: int = 1, dims: Sequence[int] = (0, 1)) -> Tensor:
    """Rotate by k quarter turns in the plane of `dims`, from the first axis towards the second."""
    x = tensor_of(input)
    d = x._data
    dims = list(dims)
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if d.ndim < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {d.ndim}")
    d0, d1 = _wrap_dim(dims[0], d.ndim), _wrap_dim(dims[1], d.ndim)
    if d0 == d1:
        raise RuntimeError(f"expected rotation dims to be different, but got dim0 = {dims[0]} "
                           f"and dim1 = {dims[1]}")
    out = np.ascontiguousarray(np.rot90(d, k, axes=(d0, d1)))
    return record(Rot90Backward0, out, (x,), None, (k, (d0, d1)))


# ---------------------------------------------------------------- tensor_split

def tensor_split(input, indices_or_sections, dim: int = 0) -> tuple:
    """Split along `dim` into n near-equal parts (an int: the first size % n parts are one
    longer) or at the given indices; every part is a slice (view) of the input."""
    x = tensor_of(input)
    ios = indices_or_sections
    if isinstance(ios, Tensor):
        if ios._data.dtype != dtypes.I64:
            from engine.nn.functional import _type_name

            raise RuntimeError(f"tensor_split expected tensor_indices_or_sections to have dtype "
                               f"of long, but got {_type_name(ios)}")
        if ios._data.ndim > 1:
            raise RuntimeError(f"tensor_split expected tensor_indices_or_sections to be a "
                               f"zero-dimensional or one-dimensional tensor, but got a tensor "
                               f"with {ios._data.ndim} dims")
        ios = int(ios._data) if ios._data.ndim == 0 else ios._data.tolist()
    if x._data.ndim == 0:
        raise RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a "
                           "tensor with 0 dims")
    dim = _wrap_dim(dim, x._data.ndim)
    size = x._data.shape[dim]
    if isinstance(ios, (int, np.integer)):
        if ios <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {ios}")
        base, extra = divmod(size, int(ios))
        bounds, start = [], 0
        for i in range(int(ios)):
            end = start + base + (1 if i < extra else 0)
            bounds.append((start, end))
            start = end
    else:
        starts = [0] + [int(i) for i in ios]
        bounds = list(zip(starts, [int(i) for i in ios] + [size]))
    return tuple(_along(x, dim, _clamped_slice(s, e, size)) for s, e in bounds)


def _clamped_slice(start: int, end: int, size: int) -> slice:
    """ATen's slice(dim, start, end): negative bounds count from the end, then both are clamped
    to [0, size] and an end before the start gives an empty part."""
    start = min(max(start + size if start < 0 else start, 0), size)
    end = min(max(end + size if end < 0 else end, 0), size)
    return slice(start, max(start, end))


# ---------------------------------------------------------------- renorm

def _renorm_norms(x: Tensor, p: float, reduce: tuple) -> Tensor:
    """The p-norm of each sub-tensor (all dims but the renormed one), kept as size-1 dims."""
    a = x.abs()
    if p == float("inf"):
        return a.amax(reduce, keepdim=True)
    if p == 1:
        return _sum(a, reduce, keepdim=True)
    return _sum(a ** p, reduce, keepdim=True) ** (1.0 / p)


class RenormBackward0(Node):
    def backward(self, g):
        """torch's renorm_backward: the scaled sub-tensors also get the derivative of their
        scale factor maxnorm / (norm + 1e-7)."""
        (x,) = self.saved
        p, dim, maxnorm = self.args
        reduce = tuple(i for i in range(x.dim()) if i != dim)
        norm = _renorm_norms(x, p, reduce)
        gsum = _sum(x * g, reduce, keepdim=True)
        if p == 1:
            nb = x.sign() * gsum
        elif p == 2:
            nb = x * gsum / norm
        elif p == float("inf"):
            top = x.abs() == norm  # the maxima share the norm's gradient evenly
            nb = x.sign() * (gsum / _sum(top, reduce, keepdim=True) * top)
        else:
            nb = x * x.abs() ** (p - 2) * gsum / norm ** (p - 1)
        invnorm = (norm + 1e-7).reciprocal()
        factor = invnorm * maxnorm
        return (where(norm > maxnorm, factor * g - factor * invnorm * nb, g),)


def renorm(input, p: float, dim: int, maxnorm: float) -> Tensor:
    """Rescale each sub-tensor along `dim` whose p-norm exceeds `maxnorm` to norm `maxnorm`."""
    x = tensor_of(input)
    d = x._data
    if float(p) <= 0:
        raise RuntimeError("renorm: non-positive-norm not supported")
    if float(maxnorm) < 0:
        raise RuntimeError(f"renorm: expected maxnorm to be >= 0 but got {maxnorm:g}")
    if d.ndim <= 1:
        raise RuntimeError(f"renorm: input needs at least 2 dimensions, got {d.ndim} dimensions")
    if d.dtype.kind != "f":
        from engine.nn.functional import _type_name

        raise RuntimeError(f"linalg.vector_norm: Expected a floating point or complex tensor as "
                           f"input. Got {_type_name(x)}")
    dim = _wrap_dim(dim, d.ndim)
    reduce = tuple(i for i in range(d.ndim) if i != dim)
    # the norms and factors in double (float32's CPU accumulation type), then cast, as torch
    a = np.abs(d.astype(np.float64))
    p = float(p)
    if p == float("inf"):
        norm = a.max(axis=reduce, keepdims=True)
    else:
        norm = (a ** p).sum(axis=reduce, keepdims=True) ** (1.0 / p)
    factor = np.where(norm > maxnorm, maxnorm / (norm + 1e-7), 1.0).astype(d.dtype)
    return record(RenormBackward0, np.multiply(d, factor), (x,), (x,), (p, dim, float(maxnorm)))


# ---------------------------------------------------------------- nanmedian

class NanmedianBackward0(Node):
    """Whole-tensor nanmedian: equal elements share the gradient (all NaNs when it is NaN)."""

    def backward(self, g):
        x, result = self.saved
        mask = x.isnan() if bool(result.isnan()) else x == result
        return (g * mask / mask.sum(),)


class NanmedianBackward1(GatherBackward0):
    pass


_NanmedianResult = return_type("nanmedian")


def nanmedian(input, dim: Optional[int] = None, keepdim: bool = False):
    """The lower median ignoring NaNs (NaN only where every value is NaN)."""
    x = tensor_of(input)
    d = x._data
    if dim is None:
        flat = d.reshape(-1)
        kept = flat[~np.isnan(flat)] if flat.dtype.kind == "f" else flat
        value = np.partition(kept, (kept.size - 1) // 2)[(kept.size - 1) // 2] if kept.size \
            else np.nan
        out = record(NanmedianBackward0, np.array(value, dtype=d.dtype), (x,))
        if out.grad_fn is not None:
            out.grad_fn.save(x, out.detach())
        return out
    if d.ndim == 0:
        return _NanmedianResult(*nanmedian(reshape(x, (1,)), 0))
    dim = _wrap_dim(dim, d.ndim)
    order = _argsort(d, dim, False)  # NaNs sort last
    count = (~np.isnan(d)).sum(axis=dim, keepdims=True) if d.dtype.kind == "f" else \
        np.full(d.shape[:dim] + (1,) + d.shape[dim + 1:], d.shape[dim])
    # the lower median of the values that are not NaN; an all-NaN row gives its first NaN
    pos = np.maximum(count - 1, 0) // 2
    idx = np.take_along_axis(order, pos, axis=dim).astype(np.int64)
    if not keepdim:
        idx = idx.squeeze(dim)
    grids = list(np.indices(idx.shape, sparse=True))
    full = tuple(grids[:dim] + [idx] + grids[dim + 1 if keepdim else dim:])
    values = record(NanmedianBackward1, np.asarray(d[full]), (x,), None, (d.shape, full))
    return _NanmedianResult(values, wrap(idx))


# ---------------------------------------------------------------- in-place shape methods

class SqueezeBackward3(SqueezeBackward0):
    """squeeze_() of every size-1 dim."""


class SqueezeBackward5(SqueezeBackward0):
    """squeeze_(dims) with a tuple of dims."""


def _restride(self: Tensor, view) -> Tensor:
    """Give `self` the shape of `view(self)` in place: a tensor in a graph takes the view op's
    node as its grad_fn (in-place on a leaf that requires grad fails, as any in-place op)."""
    from engine.tensor_methods import _alias, _check_inplace

    _check_inplace(self)
    tracked = STATE.enabled and self._rg
    r = view(_alias(self) if tracked else self)
    self._data = r._data
    if tracked:
        self.grad_fn = r.grad_fn
    if r._strided:
        self._strided = True
    bump_version(self)
    return self


def unsqueeze_(self: Tensor, dim: int) -> Tensor:
    return _restride(self, lambda t: unsqueeze(t, dim, _node=UnsqueezeBackward1))


def squeeze_(self: Tensor, dim: Union[int, Sequence[int], None] = None) -> Tensor:
    if dim is None:
        return _restride(self, lambda t: squeeze(t, tuple(range(t.dim())), _node=SqueezeBackward3))
    node = SqueezeBackward5 if isinstance(dim, (tuple, list)) else SqueezeBackward4
    return _restride(self, lambda t: squeeze(t, dim, _node=node))


def transpose_(self: Tensor, dim0: int, dim1: int) -> Tensor:
    return _restride(self, lambda t: transpose(t, dim0, dim1, _node=TransposeBackward1))


class TBackward1(TBackward0):
    """In-place t_()."""


def t_(self: Tensor) -> Tensor:
    if self._data.ndim > 2:
        raise RuntimeError(f"t_() expects a tensor with <= 2 dimensions, but self is "
                           f"{self._data.ndim}D")
    return _restride(self, lambda x: _strided(record(TBackward1, x._data.T, (x,)), x))


def resize_(self: Tensor, *sizes) -> Tensor:
    """Reshape to `sizes` keeping the leading elements in memory order; elements beyond the
    old ones are zeros (torch leaves them uninitialised)."""
    if self._rg:
        raise RuntimeError("cannot resize variables that require grad")
    shape = tuple(int(s) for s in (sizes[0] if len(sizes) == 1 and
                                   isinstance(sizes[0], (tuple, list)) else sizes))
    n = int(np.prod(shape, dtype=np.int64))
    flat = np.ascontiguousarray(self._data).reshape(-1)
    if n <= flat.size:
        self._data = flat[:n].reshape(shape)
    else:
        grown = np.zeros(n, dtype=flat.dtype)
        grown[:flat.size] = flat
        self._data = grown.reshape(shape)
    bump_version(self)
    return self
