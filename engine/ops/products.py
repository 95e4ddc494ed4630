"""Products and tensor utilities PyTorch builds on matrix products and indexing: cross, vdot, the
add-products (addmv, addr, addbmm, baddbmm), matrix_power, cov/corrcoef, take_along_dim, the
broadcasting helpers, isin, range, unique_consecutive and argwhere. Fused kernels record one node
named as PyTorch's grad_fn; where PyTorch composes ops (matrix_power, cov, corrcoef) the same ops
are composed here so the graph matches.
"""
from __future__ import annotations

import warnings
from typing import Optional, Sequence

import numpy as np

from engine import dtypes
from engine.autograd.grad_mode import no_grad
from engine.autograd.node import Node
from engine.warn_once import warn_once
from engine.ops.index import _NoDerivative
from engine.ops._core import Tensor, broadcast_error, record, tensor_of, wrap
from engine.ops.linalg import _add_scaled, _scaled, _shape_str, bmm, dot, matmul, mm, mv, outer
from engine.ops.shape import expand, mT, reshape, squeeze, transpose, unsqueeze
from engine.tensor import Size, _wrap_dim


# ---------------------------------------------------------------- cross, vdot

class LinalgCrossBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        dim = self.args
        nxt = self._next
        return (linalg_cross(b, g, dim=dim) if nxt[0] is not None else None,
                linalg_cross(g, a, dim=dim) if nxt[1] is not None else None)


def linalg_cross(input, other, *, dim: int = -1) -> Tensor:
    """torch.linalg.cross: the 3-vector cross product along `dim` (other dims broadcast)."""
    a, b = tensor_of(input), tensor_of(other)
    ad, bd = a._data, b._data
    if ad.ndim != bd.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    d = _wrap_dim(dim, ad.ndim)
    if ad.shape[d] != 3 or bd.shape[d] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got "
                           f"{ad.shape[d]} and {bd.shape[d]}")
    rt = dtypes.result_type(a, b)
    try:
        out = np.cross(ad.astype(rt, copy=False), bd.astype(rt, copy=False), axis=d)
    except ValueError:
        raise broadcast_error(ad.shape, bd.shape) from None
    return record(LinalgCrossBackward0, np.asarray(out, dtype=rt), (a, b), (a, b), d)


CROSS_DIM_WARNING = (
    "Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass the dim "
    "explicitly or simply use torch.linalg.cross.\nThe default value of dim will change to agree "
    "with that of linalg.cross in a future release. (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/Cross.cpp:63.)"
)


def cross(input, other, dim: Optional[int] = None) -> Tensor:
    """torch.cross: linalg.cross along `dim`; without `dim`, along the first dimension of size 3
    (deprecated by torch, with its warning)."""
    a, b = tensor_of(input), tensor_of(other)
    if dim is None:
        warn_once(CROSS_DIM_WARNING)
        if a._data.ndim == b._data.ndim:
            try:
                shape = np.broadcast_shapes(a._data.shape, b._data.shape)
            except ValueError:
                raise broadcast_error(a._data.shape, b._data.shape) from None
            dim = next((i for i, s in enumerate(shape) if s == 3), None)
        if dim is None:
            raise RuntimeError("no dimension of size 3 in input")
    return linalg_cross(a, b, dim=dim)


class VdotBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        return (g * b if nxt[0] is not None else None, g * a if nxt[1] is not None else None)


def vdot(input, other) -> Tensor:
    """The dot product of two 1-D tensors (the first conjugated: the same for real tensors)."""
    a, b = tensor_of(input), tensor_of(other)
    with no_grad():
        r = dot(a, b)  # dot's checks and messages, which vdot shares
    return record(VdotBackward0, r._data, (a, b), (a, b))


# ---------------------------------------------------------------- beta * input + alpha * product

def _beta_grad(g, beta, needed):
    if needed is None:
        return None
    return g if beta == 1 else g * beta


class AddmvBackward0(Node):
    saved_for = (2, 1)

    def backward(self, g):
        m, v = self.saved
        beta, alpha = self.args
        nxt = self._next
        return (_beta_grad(g, beta, nxt[0]),
                _scaled(outer(g, v), alpha) if nxt[1] is not None else None,
                _scaled(mv(mT(m), g), alpha) if nxt[2] is not None else None)


def addmv(input, mat, vec, *, beta=1, alpha=1) -> Tensor:
    """beta * input + alpha * (mat @ vec)."""
    inp, m, v = tensor_of(input), tensor_of(mat), tensor_of(vec)
    with no_grad():
        product = mv(m, v)  # mv's checks and messages
    out = _add_scaled(product._data, inp, beta, alpha)
    return record(AddmvBackward0, out, (inp, m, v), (m, v), (beta, alpha))


class AddrBackward0(Node):
    def backward(self, g):
        v1, v2 = self.saved
        beta, alpha = self.args
        nxt = self._next
        return (_beta_grad(g, beta, nxt[0]),
                _scaled(mv(g, v2), alpha) if nxt[1] is not None else None,
                _scaled(mv(mT(g), v1), alpha) if nxt[2] is not None else None)


def addr(input, vec1, vec2, *, beta=1, alpha=1) -> Tensor:
    """beta * input + alpha * outer(vec1, vec2)."""
    inp, v1, v2 = tensor_of(input), tensor_of(vec1), tensor_of(vec2)
    if v1._data.ndim != 1 or v2._data.ndim != 1:
        raise RuntimeError(f"addr: Expected 1-D argument vec1, but got {v1._data.ndim}-D"
                           if v1._data.ndim != 1 else
                           f"addr: Expected 1-D argument vec2, but got {v2._data.ndim}-D")
    product = np.multiply.outer(v1._data, v2._data)
    out = _add_scaled(product, inp, beta, alpha)
    return record(AddrBackward0, out, (inp, v1, v2), (v1, v2), (beta, alpha))


def _checked_batches(batch1, batch2) -> tuple:
    b1, b2 = tensor_of(batch1), tensor_of(batch2)
    d1, d2 = b1._data, b2._data
    if d1.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if d2.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    return b1, b2


class BaddbmmBackward0(Node):
    saved_for = (2, 1)

    def backward(self, g):
        b1, b2 = self.saved
        beta, alpha = self.args
        nxt = self._next
        return (_beta_grad(g, beta, nxt[0]),
                _scaled(bmm(g, transpose(b2, 1, 2)), alpha) if nxt[1] is not None else None,
                _scaled(bmm(transpose(b1, 1, 2), g), alpha) if nxt[2] is not None else None)


def baddbmm(input, batch1, batch2, *, beta=1, alpha=1) -> Tensor:
    """beta * input + alpha * (batch1 @ batch2), batch by batch."""
    inp = tensor_of(input)
    b1, b2 = _checked_batches(batch1, batch2)
    with no_grad():
        product = bmm(b1, b2)._data  # bmm's shape checks and messages
    out = _add_scaled(product, inp, beta, alpha)
    return record(BaddbmmBackward0, out, (inp, b1, b2), (b1, b2), (beta, alpha))


class AddbmmBackward0(Node):
    saved_for = (2, 1)

    def backward(self, g):
        b1, b2 = self.saved
        beta, alpha = self.args
        nxt = self._next
        ge = expand(unsqueeze(g, 0), (b1.shape[0],) + tuple(g.shape))
        return (_beta_grad(g, beta, nxt[0]),
                _scaled(bmm(ge, transpose(b2, 1, 2)), alpha) if nxt[1] is not None else None,
                _scaled(bmm(transpose(b1, 1, 2), ge), alpha) if nxt[2] is not None else None)


def addbmm(input, batch1, batch2, *, beta=1, alpha=1) -> Tensor:
    """beta * input + alpha * sum over the batch of batch1[i] @ batch2[i], accumulated as
    torch's kernel: one addmm per batch entry into the result."""
    inp = tensor_of(input)
    b1, b2 = _checked_batches(batch1, batch2)
    d1, d2 = b1._data, b2._data
    if d1.shape[0] != d2.shape[0]:
        raise RuntimeError(f"batch1 and batch2 must have same number of batches, got "
                           f"{d1.shape[0]} and {d2.shape[0]}")
    if d1.shape[2] != d2.shape[1]:
        raise RuntimeError(f"Incompatible matrix sizes for bmm ({_shape_str(d1.shape[1:])} and "
                           f"{_shape_str(d2.shape[1:])})")
    if d1.dtype != d2.dtype:
        with no_grad():
            bmm(b1, b2)  # raises bmm's dtype message
    target = (d1.shape[1], d2.shape[2])
    out = _add_scaled(np.zeros(target, dtype=d1.dtype), inp, beta, alpha)
    for i in range(d1.shape[0]):
        out = np.asarray(out + _scaled(np.matmul(d1[i], d2[i]), alpha), dtype=d1.dtype)
    return record(AddbmmBackward0, out, (inp, b1, b2), (b1, b2), (beta, alpha))


# ---------------------------------------------------------------- matrix_power

class CopyBackwards(Node):
    """copy_ of a constant into a clone of the input (matrix_power(A, 0)): no gradient flows."""

    def backward(self, g):
        return (g * 0,)


def matrix_power(input, n: int) -> Tensor:
    """A ** n by repeated products, composed as torch's linalg_matrix_power: n = 0 copies the
    identity, a negative n inverts first, 2 and 3 multiply directly, larger n goes by the
    binary decomposition of n."""
    x = tensor_of(input)
    d = x._data
    if d.ndim < 2:
        raise RuntimeError("linalg.matrix_power: The input tensor A must have at least 2 "
                           "dimensions.")
    if d.shape[-1] != d.shape[-2]:
        raise RuntimeError(f"linalg.matrix_power: A must be batches of square matrices, but they "
                           f"are {d.shape[-2]} by {d.shape[-1]} matrices")
    n = int(n)
    if n == 0:
        eye = np.broadcast_to(np.eye(d.shape[-1], dtype=d.dtype), d.shape).copy()
        return record(CopyBackwards, eye, (x,))
    if n < 0:
        from engine.linalg import inv

        if d.dtype.kind != "f":
            from engine.nn.functional import _TYPE_NAMES

            raise RuntimeError("linalg.inv: Expected a floating point or complex tensor as input. "
                               f"Got {_TYPE_NAMES[d.dtype.name]}")
        x, n = inv(x), -n
        if n == 1:
            return x
    if n == 1:
        return x.clone()
    if n == 2:
        return matmul(x, x)
    if n == 3:
        return matmul(matmul(x, x), x)
    z = result = None
    while n > 0:
        z = x if z is None else matmul(z, z)
        if n % 2:
            result = z if result is None else matmul(result, z)
        n //= 2
    return result


# ---------------------------------------------------------------- cov, corrcoef

def cov(input, *, correction: int = 1, fweights=None, aweights=None) -> Tensor:
    """The covariance of the rows of `input` (variables) over its columns (observations),
    composed as torch's: weighted mean, centred product through mm, divided by the degrees
    of freedom (clamped at 0, with torch's warning), then squeezed."""
    x = tensor_of(input)
    if x._data.ndim > 2:
        raise RuntimeError(f"cov(): expected input to have two or fewer dimensions but got an "
                           f"input with {x._data.ndim} dimensions")
    if x._data.ndim < 2:
        x = reshape(x, (1, -1))
    n_obs = x._data.shape[1]
    w = None
    if fweights is not None:
        w = tensor_of(fweights)
    if aweights is not None:
        aw = tensor_of(aweights)
        w = aw if w is None else w * aw
    if w is None:
        w_sum = n_obs
        avg = x.sum(1) / w_sum
        norm_factor = w_sum - correction
    else:
        w_sum = w.sum()
        avg = (x * w).sum(1) / w_sum
        if aweights is not None and correction != 0:
            norm_factor = w_sum - correction * (w * tensor_of(aweights)).sum() / w_sum
        else:
            norm_factor = w_sum - correction
    if float(getattr(norm_factor, "_data", norm_factor)) <= 0:
        warnings.warn("cov(): degrees of freedom is <= 0. Correction should be strictly less "
                      "than the number of observations. (Triggered internally at "
                      "/__w/pytorch/pytorch/aten/src/ATen/native/Correlation.cpp:129.)",
                      UserWarning, stacklevel=2)
        norm_factor = norm_factor * 0 if hasattr(norm_factor, "_data") else 0
    xc = x - unsqueeze(avg, 1)
    c = mm(xc, mT(xc if w is None else xc * w))
    return squeeze(c / norm_factor)


def corrcoef(input) -> Tensor:
    """Pearson correlation coefficients of the rows: cov divided by the outer product of the
    standard deviations, clipped to [-1, 1] (torch's composition)."""
    from engine.ops.select import clamp

    c = cov(input)
    if c._data.ndim == 0:
        return c / c
    std = c.diagonal().sqrt()
    c = c / reshape(std, (-1, 1))
    c = c / reshape(std, (1, -1))
    return clamp(c, -1, 1)


# ---------------------------------------------------------------- indexing helpers

def take_along_dim(input, indices, dim: Optional[int] = None) -> Tensor:
    """Values of `input` at `indices` along `dim` (other dims broadcast against each other);
    without `dim`, both are flattened first."""
    from engine.ops.index import gather

    x, ix = tensor_of(input), tensor_of(indices)
    if dim is None:
        if ix._data.dtype not in (np.int64, np.int32):
            raise RuntimeError("gather(): Expected dtype int32/int64 for index")
        return gather(reshape(x, (-1,)), 0, reshape(ix, (-1,)))
    if ix._data.dtype != np.int64:
        from engine.nn.functional import _TYPE_NAMES

        raise RuntimeError("torch.take_along_dim(): dtype of indices should be Long but got "
                           f"{_TYPE_NAMES[ix._data.dtype.name]}")
    xd, idd = x._data, ix._data
    if xd.ndim != idd.ndim:
        raise RuntimeError("torch.take_along_dim(): input and indices should have the same "
                           f"number of dimensions, but got {xd.ndim} dimensions for input, and "
                           f"{idd.ndim} dimensions for indices")
    d = _wrap_dim(dim, xd.ndim)
    xs, ishape = list(xd.shape), list(idd.shape)
    xs[d] = ishape[d] = 1
    try:
        common = list(np.broadcast_shapes(tuple(xs), tuple(ishape)))
    except ValueError:
        raise broadcast_error(tuple(xs), tuple(ishape)) from None
    x_target = common.copy()
    x_target[d] = xd.shape[d]
    i_target = common.copy()
    i_target[d] = idd.shape[d]
    if tuple(x_target) != xd.shape:
        x = expand(x, tuple(x_target))
    ix = wrap(np.broadcast_to(idd, tuple(i_target)))
    return gather(x, d, ix)


def broadcast_shapes(*shapes) -> Size:
    """The shape the given shapes broadcast to, as torch.Size."""
    normal = [(s,) if isinstance(s, int) else tuple(s) for s in shapes]
    try:
        return Size(np.broadcast_shapes(*normal))
    except ValueError:
        pass
    out: list = []
    for k, s in enumerate(normal):
        for i in range(1, len(s) + 1):
            if i > len(out):
                out.insert(0, s[-i])
            elif out[-i] == 1:
                out[-i] = s[-i]
            elif s[-i] != 1 and s[-i] != out[-i]:
                raise RuntimeError(
                    f"Attempting to broadcast a dimension of length {s[-i]} at {-i}! Mismatching "
                    f"argument at index {k} had {_size_str(s)}; but expected shape should be "
                    f"broadcastable to {out}")
    return Size(out)


def _size_str(s: tuple) -> str:
    return "(" + ", ".join(str(v) for v in s) + ("," if len(s) == 1 else "") + ")"


def broadcast_tensors(*tensors) -> tuple:
    """The tensors expanded to their common shape (one already of that shape is returned as
    is, as torch)."""
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    ts = [tensor_of(t) for t in tensors]
    shape = ts[0]._data.shape if ts else ()
    for t in ts[1:]:
        try:
            shape = np.broadcast_shapes(shape, t._data.shape)
        except ValueError:
            raise broadcast_error(shape, t._data.shape) from None
    return tuple(t if t._data.shape == shape else expand(t, shape) for t in ts)


def isin(elements, test_elements, *, assume_unique: bool = False,
         invert: bool = False) -> Tensor:
    """Whether each of `elements` is among `test_elements` (numbers allowed for either);
    `assume_unique` only lets torch pick a faster algorithm, so the result ignores it."""
    e = elements._data if hasattr(elements, "_data") else np.asarray(elements)
    t = test_elements._data if hasattr(test_elements, "_data") else np.asarray(test_elements)
    return wrap(np.asarray(np.isin(e, t, invert=invert)))


RANGE_WARNING = (
    "torch.range is deprecated and will be removed in a future release because its behavior is "
    "inconsistent with Python's range builtin. Instead, use torch.arange, which produces values "
    "in [start, end)."
)


def torch_range(start, end=None, step=1, *, dtype=None, requires_grad: bool = False
                ) -> Tensor:
    """torch.range (deprecated): start, start + step, ... up to `end` included, float32 by
    default (the default dtype) whatever the arguments' types."""
    from engine.creation import tensor

    if end is None:
        raise TypeError('range() missing 1 required positional arguments: "end"')
    warnings.warn(RANGE_WARNING, UserWarning, stacklevel=2)
    start, end, step = (float(getattr(v, "_data", v)) for v in (start, end, step))
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (step > 0 and start > end) or (step < 0 and start < end):
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    count = int(np.floor((end - start) / step)) + 1
    nd = dtypes.default_float() if dtype is None else dtypes.to_numpy_dtype(dtype)
    values = start + np.arange(count, dtype=np.float64) * step
    return tensor(values.astype(nd), requires_grad=requires_grad)


class UniqueConsecutiveBackward0(_NoDerivative):
    pass


def unique_consecutive(input, return_inverse: bool = False, return_counts: bool = False,
                       dim: Optional[int] = None):
    """Collapse runs of equal values (or equal slices along `dim`) to one; optionally with each
    element's run index and each run's length."""
    x = tensor_of(input)
    d = x._data
    if dim is None:
        flat = d.reshape(-1)
        starts = np.ones(flat.size, dtype=bool)
        starts[1:] = flat[1:] != flat[:-1]
        vals = flat[starts]
        inverse = (np.cumsum(starts) - 1).reshape(d.shape)
    else:
        dim = _wrap_dim(dim, d.ndim)
        moved = np.moveaxis(d, dim, 0).reshape(d.shape[dim], -1)
        starts = np.ones(moved.shape[0], dtype=bool)
        starts[1:] = np.any(moved[1:] != moved[:-1], axis=1)
        vals = np.compress(starts, d, axis=dim)
        inverse = np.cumsum(starts) - 1
    counts = np.diff(np.append(np.flatnonzero(starts), starts.size))
    out = (record(UniqueConsecutiveBackward0, np.ascontiguousarray(vals), (x,), None,
                  "unique_consecutive"),)
    if return_inverse:
        out += (wrap(inverse.astype(np.int64)),)
    if return_counts:
        out += (wrap(counts.astype(np.int64)),)
    return out[0] if len(out) == 1 else out


def argwhere(input) -> Tensor:
    """Indices of the nonzero elements, one row per element (shape (count, ndim))."""
    d = tensor_of(input)._data
    return wrap(np.argwhere(d).astype(np.int64))


def reshape_as(input, other) -> Tensor:
    """input reshaped to other's shape."""
    return reshape(input, tuple(tensor_of(other)._data.shape))


def split_with_sizes(input, split_sizes: Sequence[int], dim: int = 0) -> tuple:
    """input split along `dim` into pieces of the given sizes."""
    from engine.ops.join import split

    return split(input, list(split_sizes), dim)
