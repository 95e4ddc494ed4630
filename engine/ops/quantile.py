"""quantile and nanquantile, composed of existing ops as PyTorch composes them.

ATen's quantile is not one kernel: it sorts, gathers the two ranks around each quantile and lerps
between them in place, then squeezes the quantile dimension away. The same ops are recorded here
in the same order, so the result's grad_fn (SqueezeBackward4 over LerpBackward1 over
GatherBackward0 ...) and its numbers (ranks and weights in the input's dtype, torch's lerp
rounding) are PyTorch's.
"""
from __future__ import annotations

import numpy as np

from engine.ops._core import Tensor, tensor_of, wrap
from engine.ops.arith import lerp
from engine.ops.index import gather, sort
from engine.ops.shape import (
    SqueezeBackward4, TransposeBackward1, UnsqueezeBackward1, flatten, reshape, squeeze,
    transpose, unsqueeze,
)
from engine.tensor import _wrap_dim

_INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")


def quantile(input, q, dim=None, keepdim: bool = False, *,  # noqa: A002 - torch's name
             interpolation: str = "linear") -> Tensor:
    """The q-th quantiles of `input` (flattened, or along `dim`); nan if a reduced slice has nan.

    With a 1-D `q` the quantiles are stacked along a new first dimension."""
    return _quantile(input, q, dim, keepdim, interpolation, False)


def nanquantile(input, q, dim=None, keepdim: bool = False, *,  # noqa: A002
                interpolation: str = "linear") -> Tensor:
    """quantile ignoring nan (nan only where a reduced slice is all nan)."""
    return _quantile(input, q, dim, keepdim, interpolation, True)


def _quantile(x, q, dim, keepdim: bool, interpolation: str, ignore_nan: bool) -> Tensor:
    x = tensor_of(x)
    d = x._data
    qd = _check_q(d, q)
    if d.size == 0:
        raise RuntimeError("quantile() input tensor must be non-empty")
    if qd.ndim > 1:
        raise RuntimeError("quantile() q must be a scalar or 1D tensor")
    if d.dtype not in (np.float32, np.float64):
        raise RuntimeError("quantile() input tensor must be either float or double dtype")
    if qd.dtype != d.dtype:
        raise RuntimeError("quantile() q tensor must be same dtype as the input tensor")
    if interpolation not in _INTERPOLATIONS:
        raise RuntimeError("quantile() interpolation must be one of linear, lower, higher, "
                           f"midpoint or nearest, but got {interpolation}")
    if qd.ndim and ((qd < 0) | (qd > 1)).any():
        raise RuntimeError("quantile() q values must be in the range [0, 1]")

    # The reduced shape (q's dimension comes later) and the sorted values, reduced dim last.
    if dim is not None and d.ndim:
        dim = _wrap_dim(int(dim), d.ndim)
        out_shape = list(d.shape)
        if keepdim:
            out_shape[dim] = 1
        else:
            del out_shape[dim]
    else:
        if dim is not None:
            _wrap_dim(int(dim), d.ndim)
        out_shape = [1] * d.ndim if keepdim else []
    if dim is None or not d.ndim:
        values = sort(flatten(x)).values
    elif dim == d.ndim - 1:
        values = sort(x).values
    else:
        values = sort(transpose(unsqueeze(x, -1), dim, -1)).values
    n = values._data.shape[-1]
    values = reshape(values, tuple(out_shape) + (n,))

    # Ranks of the quantiles in [0, n), in the input's dtype as torch computes them.
    sd = values._data
    nan = np.isnan(sd)
    if ignore_nan:
        ranks = qd * ((~nan).sum(-1, keepdims=True) - 1).astype(d.dtype)
        ranks = np.where(ranks < 0, d.dtype.type(0), ranks)
    else:
        last = d.dtype.type(n - 1)
        ranks = np.where(nan.any(-1, keepdims=True), last, qd * last)
    if interpolation == "lower":
        ranks = np.floor(ranks)
    elif interpolation == "higher":
        ranks = np.ceil(ranks)
    elif interpolation == "nearest":
        ranks = np.round(ranks)  # half to even, as torch's round
    below = ranks.astype(np.int64)
    result = gather(values, -1, wrap(below))
    if interpolation in ("linear", "midpoint"):
        weights = (np.full_like(ranks, 0.5) if interpolation == "midpoint"
                   else ranks - below.astype(d.dtype))
        above = gather(values, -1, wrap(np.ceil(ranks).astype(np.int64)))
        result = lerp(result, above, wrap(weights))
    if not qd.ndim:
        return squeeze(result, -1, _node=SqueezeBackward4)
    result = transpose(unsqueeze(result, 0, _node=UnsqueezeBackward1), 0, -1,
                       _node=TransposeBackward1)
    return squeeze(result, -1, _node=SqueezeBackward4)


def _check_q(d: np.ndarray, q) -> np.ndarray:
    """q as an array: a Python number is checked for range here (torch's message names it) and
    taken in the input's dtype; a tensor keeps its own dtype, checked by the caller."""
    if isinstance(q, Tensor):
        return q._data
    q = float(q)
    if not 0 <= q <= 1:
        raise RuntimeError(f"quantile() q must be in the range [0, 1] but got {q:g}")
    return np.asarray(q, dtype=d.dtype if d.dtype.kind == "f" else np.float32)
