"""Shape ops (views in PyTorch; numpy views here too) and dtype casts. Their backward rules
only move gradients around, so they keep shapes in `args`, which survive a backward."""
from __future__ import annotations

import numpy as np

from engine.autograd.node import Node
from engine.ops._core import Tensor, record, tensor_of, wrap
from engine.ops.cascade_sum import torch_sum
from engine.tensor import _wrap_dim, share_version
from engine.warn_once import warn_once


def _shape_arg(shape) -> tuple:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = shape[0]
    return tuple(int(s) for s in shape)


class ViewBackward0(Node):
    def backward(self, g):
        return (reshape(g, self.args),)


def _infer_shape(shape: tuple, numel: int, in_shape: tuple) -> tuple:
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = 1
    for s in shape:
        if s != -1:
            known *= s
    if -1 in shape:
        if known == 0 and numel == 0:
            raise RuntimeError(f"cannot reshape tensor of 0 elements into shape {list(shape)} "
                               "because the unspecified dimension size -1 can be any value and "
                               "is ambiguous")
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
        shape = tuple(numel // known if s == -1 else s for s in shape)
    elif known != numel:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
    return shape


def reshape(x, *shape):
    x = tensor_of(x)
    d = x._data
    shape = _infer_shape(_shape_arg(shape), d.size, d.shape)
    return _strided(record(ViewBackward0, d.reshape(shape), (x,), None, d.shape), x)


VIEW_STRIDE_MESSAGE = (
    "view size is not compatible with input tensor's size and stride (at least one dimension "
    "spans across two contiguous subspaces). Use .reshape(...) instead."
)


def view(x, *shape):
    """reshape that refuses, like torch, when the result cannot share x's memory."""
    x = tensor_of(x)
    d = x._data
    shape = _infer_shape(_shape_arg(shape), d.size, d.shape)
    if x._strided and not d.flags.c_contiguous and not _viewable(d, shape):
        raise RuntimeError(VIEW_STRIDE_MESSAGE)
    return reshape(x, shape)


def _strided(t, x):
    """Mark `t` (a numpy view of x's array) as laid out in memory as in torch when its strides
    came from a torch view op: a transpose/permute/expand/slice of a tensor torch also holds
    contiguously, or a view of such a tensor. Only these tensors are checked by `view`: other
    ops' numpy layouts differ from torch's (reductions, flip, advanced indexing, ...)."""
    d = t._data
    if not d.flags.c_contiguous and (x._strided or x._data.flags.c_contiguous):
        t._strided = True
    # whose memory it may share, for an in-place op on it (see ops.index.write_through_view)
    t._view_base = x if x._view_base is None else x._view_base
    return share_version(t, x)


def _viewable(d: np.ndarray, shape: tuple) -> bool:
    """torch's computeStride: can `d` be viewed as `shape` without copying?"""
    old = d.shape
    if not old or d.size == 0:
        return True
    st = [s // d.itemsize for s in d.strides]
    view_d = len(shape) - 1
    base = st[-1]
    tensor_numel = view_numel = 1
    for td in range(len(old) - 1, -1, -1):
        tensor_numel *= old[td]
        if td == 0 or (old[td - 1] != 1 and st[td - 1] != tensor_numel * base):
            while view_d >= 0 and (view_numel < tensor_numel or shape[view_d] == 1):
                view_numel *= shape[view_d]
                view_d -= 1
            if view_numel != tensor_numel:
                return False
            if td > 0:
                base = st[td - 1]
                tensor_numel = view_numel = 1
    return view_d == -1


def flatten(x, start_dim: int = 0, end_dim: int = -1):
    x = tensor_of(x)
    s = x._data.shape
    if not s:
        return reshape(x, (1,))
    a, b = _wrap_dim(start_dim, len(s)), _wrap_dim(end_dim, len(s))
    n = 1
    for v in s[a:b + 1]:
        n *= v
    return reshape(x, s[:a] + (n,) + s[b + 1:])


def unflatten(x, dim: int, sizes):
    x = tensor_of(x)
    s = x._data.shape
    dim = _wrap_dim(dim, len(s))
    return reshape(x, s[:dim] + tuple(sizes) + s[dim + 1:])


class TransposeBackward0(Node):
    def backward(self, g):
        a, b = self.args
        return (transpose(g, a, b),)


class TransposeBackward1(TransposeBackward0):
    """In-place transpose_ (inside torch's quantile)."""


def transpose(x, dim0: int, dim1: int, _node=TransposeBackward0):
    x = tensor_of(x)
    d = x._data
    a, b = _wrap_dim(dim0, d.ndim), _wrap_dim(dim1, d.ndim)
    if d.ndim < 2:
        return record(_node, d.view(), (x,), None, (0, 0))
    return _strided(record(_node, np.swapaxes(d, a, b), (x,), None, (a, b)), x)


class TBackward0(Node):
    def backward(self, g):
        return (t(g),)


def t(x):
    x = tensor_of(x)
    d = x._data
    if d.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {d.ndim}D")
    return _strided(record(TBackward0, d.T, (x,)), x)


class PermuteBackward0(Node):
    def backward(self, g):
        return (permute(g, *np.argsort(self.args)),)


def permute(x, *dims):
    x = tensor_of(x)
    d = x._data
    dims = _shape_arg(dims)
    if len(dims) != d.ndim:
        raise RuntimeError(
            f"permute(sparse_coo): number of dimensions in the tensor input does not match the "
            f"length of the desired ordering of dimensions i.e. input.dim() = {d.ndim} is not "
            f"equal to len(dims) = {len(dims)}"
        )
    dims = tuple(_wrap_dim(int(i), d.ndim) for i in dims)
    if len(set(dims)) != len(dims):
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return _strided(record(PermuteBackward0, np.transpose(d, dims), (x,), None, dims), x)


_T_WARNINGS = {
    0: "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases. "
       "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4321.)",
    1: "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
       "deprecated and it will throw an error in a future release. Consider `x.mT` to transpose "
       "batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the "
       "dimensions of a tensor. (Triggered internally at "
       "/__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4314.)",
}


def T(x):
    """x.T reverses all dimensions (PyTorch records a permute, and deprecates it but on
    matrices)."""
    x = tensor_of(x)
    ndim = x._data.ndim
    if ndim != 2:
        warn_once(_T_WARNINGS[min(ndim, 1)])
    return permute(x, *reversed(range(ndim)))


def mT(x):
    x = tensor_of(x)
    if x._data.ndim < 2:
        raise RuntimeError("tensor.mT is only supported on matrices or batches of matrices. Got "
                           f"{x._data.ndim}-D tensor.")
    return transpose(x, -2, -1)


class SqueezeBackward0(Node):
    def backward(self, g):
        return (reshape(g, self.args),)


class SqueezeBackward1(SqueezeBackward0):
    pass


class SqueezeBackward4(SqueezeBackward0):
    """The name PyTorch gives the squeeze inside vector @ matrix."""


def squeeze(x, dim=None, _node=SqueezeBackward1):
    x = tensor_of(x)
    d = x._data
    if dim is None:
        out = d.reshape(tuple(s for s in d.shape if s != 1))
        return _strided(record(SqueezeBackward0, out, (x,), None, d.shape), x)
    dims = dim if isinstance(dim, (tuple, list)) else (dim,)
    dims = {_wrap_dim(i, d.ndim) for i in dims}
    out = d.reshape(tuple(s for i, s in enumerate(d.shape) if not (i in dims and s == 1)))
    return _strided(record(_node, out, (x,), None, d.shape), x)


class UnsqueezeBackward0(Node):
    def backward(self, g):
        return (squeeze(g, self.args),)


class UnsqueezeBackward1(UnsqueezeBackward0):
    """In-place unsqueeze_ (inside torch's quantile)."""


def unsqueeze(x, dim: int, _node=UnsqueezeBackward0):
    x = tensor_of(x)
    d = x._data
    dim = _wrap_dim(dim, d.ndim + 1)
    return _strided(record(_node, np.expand_dims(d, dim), (x,), None, dim), x)


class ExpandBackward0(Node):
    def backward(self, g):
        return (sum_to_size(g, self.args),)


def expand(x, *sizes):
    x = tensor_of(x)
    d = x._data
    sizes = _shape_arg(sizes)
    if len(sizes) < d.ndim:
        raise RuntimeError(
            f"expand({x.type()}{{{list(d.shape)}}}, size={list(sizes)}): the number of sizes "
            f"provided ({len(sizes)}) must be greater or equal to the number of dimensions in "
            f"the tensor ({d.ndim})"
        )
    lead = len(sizes) - d.ndim
    target = tuple(
        (d.shape[i - lead] if s == -1 else s) if i >= lead else s for i, s in enumerate(sizes)
    )
    for i in range(d.ndim):
        if d.shape[i] != 1 and d.shape[i] != target[i + lead]:
            raise RuntimeError(
                f"The expanded size of the tensor ({target[i + lead]}) must match the existing "
                f"size ({d.shape[i]}) at non-singleton dimension {i + lead}.  Target sizes: "
                f"{list(sizes)}.  Tensor sizes: {list(d.shape)}"
            )
    return _strided(record(ExpandBackward0, np.broadcast_to(d, target), (x,), None, d.shape), x)


def expand_as(x, other):
    return expand(x, tensor_of(other)._data.shape)


def broadcast_to(x, shape):
    return expand(x, tuple(shape))


class SumToSizeBackward0(Node):
    def backward(self, g):
        return (expand(g, self.args),)


def sum_to_size(x, *shape):
    """Sum `x` down to `shape` (the reverse of broadcasting): the one place gradients of
    broadcast inputs are reduced."""
    x = tensor_of(x)
    d = x._data
    shape = _shape_arg(shape)
    lead = d.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(
        i + lead for i, s in enumerate(shape) if s == 1 and d.shape[i + lead] != 1
    )
    out = torch_sum(d, axes, keepdims=True) if axes else d
    out = np.asarray(out.reshape(shape)) if lead or out.shape != shape else np.asarray(out)
    return record(SumToSizeBackward0, out, (x,), None, d.shape)


class ToCopyBackward0(Node):
    def backward(self, g):
        return (g,)  # the engine casts the gradient to the input's dtype


def cast(x, nd: np.dtype):
    x = tensor_of(x)
    d = x._data
    if d.dtype is nd or d.dtype == nd:
        return x
    out = d.astype(nd)
    if nd.kind != "f":
        return wrap(out)
    return record(ToCopyBackward0, out, (x,))


class CloneBackward0(Node):
    def backward(self, g):
        return (g,)


def clone(x, memory_format=None):
    x = tensor_of(x)
    return record(CloneBackward0, np.array(x._data, copy=True), (x,))


def contiguous(x):
    """A C-ordered copy of a tensor torch holds non-contiguously (recorded as a clone)."""
    return record(CloneBackward0, np.ascontiguousarray(x._data), (x,))


def view_as(x, other):
    return view(x, tensor_of(other)._data.shape)


class FlipBackward0(Node):
    def backward(self, g):
        return (flip(g, self.args),)


def flip(x, dims):
    x = tensor_of(x)
    d = x._data
    dims = tuple(_wrap_dim(int(i), d.ndim) for i in ((dims,) if isinstance(dims, int) else dims))
    return record(FlipBackward0, np.flip(d, axis=dims), (x,), None, dims)


class _DiagNode(Node):
    def backward(self, g):
        # diag is its own adjoint: vector->matrix and matrix->vector undo each other.
        return (diag(g, self.args[1]),)


class DiagEmbedBackward0(_DiagNode):
    """torch.diag of a vector is diag_embed: torch names the node so."""


class DiagonalBackward0_copy(_DiagNode):  # noqa: N801 - torch's name for diag of a matrix
    pass


def diag(x, diagonal: int = 0):
    """Vector -> matrix with it on a diagonal; matrix -> that diagonal (as torch.diag)."""
    x = tensor_of(x)
    d = x._data
    if d.ndim not in (1, 2):
        raise RuntimeError("diag(): Supports 1D or 2D tensors. Got " + f"{d.ndim}D")
    out = np.diag(d, diagonal)
    node = DiagEmbedBackward0 if d.ndim == 1 else DiagonalBackward0_copy
    return record(node, np.ascontiguousarray(out), (x,), None, (d.ndim, diagonal))


class RepeatBackward0(Node):
    def backward(self, g):
        # Split every output dim into (repeat, size) and sum the tiles: the copies' gradients add.
        shape, reps = self.args
        lead = len(reps) - len(shape)
        padded = (1,) * lead + tuple(shape)
        split = []
        for r, s in zip(reps, padded):
            split += [r, s]
        from engine.ops.reduce import sum as _sum

        gs = _sum(reshape(g, tuple(split)), tuple(range(0, len(split), 2)))
        return (reshape(gs, shape),)


def repeat(x, *repeats):
    """Tile `x` repeats[i] times along dim i (leading repeats add new dimensions)."""
    x = tensor_of(x)
    d = x._data
    if not repeats:
        raise TypeError('repeat() missing 1 required positional arguments: "repeats"')
    reps = _shape_arg(repeats)
    if len(reps) < d.ndim:
        raise RuntimeError(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of "
            "tensor"
        )
    target = [r * s for r, s in zip(reps, (1,) * (len(reps) - d.ndim) + d.shape)]
    neg = [s for s in target if s < 0]
    if neg:
        raise RuntimeError(f"Trying to create tensor with negative dimension {neg[0]}: {target}")
    out = np.tile(d, reps)
    return record(RepeatBackward0, np.ascontiguousarray(out), (x,), None, (d.shape, reps))


class DiagonalBackward0(Node):
    def backward(self, g):
        from engine.ops.index import index_scatter

        shape, offset, dim1, dim2 = self.args
        return (index_scatter(g, shape, _diagonal_index(shape, offset, dim1, dim2), True),)


def _diagonal_index(shape: tuple, offset: int, dim1: int, dim2: int) -> tuple:
    """Index arrays reading the diagonal in torch's layout: the other dims in order, the
    diagonal last."""
    rows = max(0, min(shape[dim1] + min(offset, 0), shape[dim2] - max(offset, 0)))
    others = [i for i in range(len(shape)) if i not in (dim1, dim2)]
    out_ndim = len(others) + 1
    idx = [None] * len(shape)
    for pos, ax in enumerate(others):
        idx[ax] = np.arange(shape[ax]).reshape([-1 if i == pos else 1 for i in range(out_ndim)])
    k = np.arange(rows).reshape((1,) * len(others) + (-1,))
    idx[dim1] = k - min(offset, 0)
    idx[dim2] = k + max(offset, 0)
    return tuple(idx)


def diagonal(x, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    """The diagonal of the (dim1, dim2) planes, offset above (> 0) or below (< 0) the main one,
    as a new last dim."""
    x = tensor_of(x)
    d = x._data
    dim1, dim2 = _wrap_dim(dim1, d.ndim), _wrap_dim(dim2, d.ndim)
    if dim1 == dim2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    out = np.diagonal(d, offset, dim1, dim2).copy()
    return record(DiagonalBackward0, out, (x,), None, (d.shape, offset, dim1, dim2))


class RollBackward0(Node):
    def backward(self, g):
        shifts, dims = self.args
        return (roll(g, tuple(-s for s in shifts), dims),)


def roll(x, shifts, dims=None) -> Tensor:
    """Shift elements along `dims`, wrapping around (without dims: over the flattened tensor)."""
    x = tensor_of(x)
    d = x._data
    shifts = (shifts,) if isinstance(shifts, int) else tuple(shifts)
    if dims is not None:
        dims = (dims,) if isinstance(dims, int) else tuple(dims)
        if len(shifts) != len(dims):
            raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, "
                               f"dims:{len(dims)}")
        dims = tuple(_wrap_dim(i, d.ndim) for i in dims)
    elif len(shifts) != 1:
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:0")
    out = np.roll(d, shifts if dims is not None else shifts[0], dims)
    return record(RollBackward0, out, (x,), None, (shifts, dims))


class UnfoldBackward0(Node):
    def backward(self, g):
        return (unfold_backward(g, *self.args),)


class UnfoldBackwardBackward0(Node):
    def backward(self, g):
        _, dim, size, step = self.args
        return (unfold(g, dim, size, step),)


def unfold(x, dimension: int, size: int, step: int) -> Tensor:
    """x.unfold(dim, size, step): the windows x[..., i*step : i*step+size, ...] along `dim`,
    indexed by `dim`, with a new last dimension running through each window (a view)."""
    x = tensor_of(x)
    d = x._data
    dim = _wrap_dim(dimension, d.ndim)
    n = d.shape[dim] if d.ndim else 1
    if size > n:
        raise RuntimeError(f"maximum size for tensor at dimension {dim} is {n} but size is {size}")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    if not d.ndim:  # a 0-d tensor unfolds to its single element (or nothing, for size 0)
        return record(UnfoldBackward0, d.reshape(1)[:size], (x,), None, (d.shape, 0, size, step))
    windows = np.lib.stride_tricks.sliding_window_view(d, size, axis=dim)
    out = windows[(slice(None),) * dim + (slice(None, None, step),)]
    return _strided(record(UnfoldBackward0, out, (x,), None, (d.shape, dim, size, step)), x)


def unfold_backward(g, in_shape: tuple, dim: int, size: int, step: int) -> Tensor:
    """Unfold's gradient: each window's gradient added back where the window was read
    (overlapping windows accumulate)."""
    g = tensor_of(g)
    gd = g._data
    out = np.zeros(in_shape, dtype=gd.dtype)
    if not in_shape:
        out[...] = gd.sum()
    else:
        acc = np.moveaxis(out, dim, -1)  # a view: writes land in `out`
        gm = np.moveaxis(gd, dim, -2)
        for k in range(gm.shape[-2]):
            acc[..., k * step:k * step + size] += gm[..., k, :]
    return record(UnfoldBackwardBackward0, out, (g,), None, (in_shape, dim, size, step))
