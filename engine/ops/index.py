"""Indexing: ints, slices, None, Ellipsis, integer/bool index arrays or tensors.

Reading (`x[idx]`) scatters its gradient back with np.add.at, so repeated indices accumulate;
the scatter is itself an op whose backward is the same indexing, so it differentiates again.
Writing (`x[idx] = v`) works in place on tensors outside the graph and is recorded as an
out-of-place op when autograd is tracking `x` or `v`.
"""
from __future__ import annotations

import math

import numpy as np

from engine.autograd.grad_mode import STATE
from engine.autograd.node import Node
from engine.ops._core import Tensor, record, return_type, tensor_of
from engine.ops.select import grad_where
from engine.ops.shape import _strided
from engine.tensor import _wrap_dim, bump_version

_BASIC = (int, slice, type(None), type(Ellipsis))

LEAF_INPLACE_MESSAGE = "a leaf Variable that requires grad is being used in an in-place operation."
VIEW_OF_LEAF_INPLACE_MESSAGE = "a view of " + LEAF_INPLACE_MESSAGE


def _normalise(idx, shape: tuple | None = None) -> tuple[tuple, bool]:
    """Turn an index into a numpy index tuple; report whether it uses advanced indexing. With
    the indexed tensor's `shape`, boolean masks are checked against the dims they cover."""
    if not isinstance(idx, tuple):
        idx = (idx,)
    out = []
    advanced = False
    masks = []  # (position in `out`, mask array)
    for i in idx:
        if hasattr(i, "_data"):
            i = i._data
            if i.dtype.kind == "f":
                raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
            if i.ndim == 0 and i.dtype.kind in "iu":
                i = int(i)
        elif isinstance(i, (list, range, np.ndarray)):
            i = np.asarray(i)
            if i.dtype.kind == "f":
                raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        elif isinstance(i, np.integer):
            i = int(i)
        elif isinstance(i, bool):
            i = np.asarray(i)
        if isinstance(i, np.ndarray):
            advanced = True
            if i.dtype.kind == "b":
                masks.append((len(out), i))
        elif not isinstance(i, _BASIC):
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                "are valid indices (got " + type(i).__name__ + ")"
            )
        elif isinstance(i, slice) and i.step is not None and i.step <= 0:
            raise ValueError("step must be greater than zero")  # no reversed views in torch
        out.append(i)
    if shape is not None:
        _check_index_count(out, shape)
    if masks and shape is not None:
        _check_masks(out, masks, shape)
    if masks:  # a k-dim mask selects like k index arrays
        out = [part for i in out for part in (np.nonzero(i) if _is_mask(i) else (i,))]
    if not advanced and not any(i is Ellipsis for i in out):
        out.append(Ellipsis)  # keeps 0-d results as array views instead of numpy scalars
    return tuple(out), advanced


def _check_index_count(items: list, shape: tuple) -> None:
    used = sum(i.ndim if _is_mask(i) else 1 for i in items if i is not None and i is not Ellipsis)
    if used > len(shape):
        if not shape:
            raise IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                             "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
        raise IndexError(f"too many indices for tensor of dimension {len(shape)}")


def _is_mask(i) -> bool:
    return isinstance(i, np.ndarray) and i.dtype.kind == "b"


def _check_masks(items: list, masks: list, shape: tuple) -> None:
    """torch's check of each boolean mask against the dims it covers, in the tensor that basic
    indexing (integers, slices, None) leaves, which is what its message shows."""
    def span(i) -> int:
        return i.ndim if _is_mask(i) else (0 if i is None or i is Ellipsis else 1)

    ellipsis = len(shape) - sum(span(i) for i in items)
    dims, left, where = [], list(shape), {}
    for k, i in enumerate(items):
        if i is Ellipsis:
            dims += left[:ellipsis]
            left = left[ellipsis:]
        elif i is None:
            dims.append(1)
        elif isinstance(i, int):
            left = left[1:]
        elif isinstance(i, slice):
            dims.append(len(range(*i.indices(left[0]))) if left else 0)
            left = left[1:]
        else:
            where[k] = len(dims)
            dims += left[:span(i)]
            left = left[span(i):]
    dims += left
    for k, mask in masks:
        start = where[k]
        for j, n in enumerate(mask.shape):
            if start + j >= len(dims) or dims[start + j] != n:
                raise IndexError(
                    f"The shape of the mask {list(mask.shape)} at index {j} does not match the "
                    f"shape of the indexed tensor {dims} at index {start + j}")


def _node_for(idx: tuple, advanced: bool):
    if advanced:
        return IndexBackward0
    for i in reversed(idx):
        if i is Ellipsis:
            continue
        if isinstance(i, int):
            return SelectBackward0
        if i is None:
            return UnsqueezeBackward0
        return SliceBackward0
    return AliasBackward0


def _take(d: np.ndarray, idx: tuple):
    try:
        return d[idx]
    except IndexError as e:
        raise IndexError(str(e).replace("axis", "dimension")) from None


class IndexBackward0(Node):
    def backward(self, g):
        shape, idx, advanced = self.args
        return (index_scatter(g, shape, idx, advanced),)


class SelectBackward0(IndexBackward0):
    pass


class SliceBackward0(IndexBackward0):
    pass


class SplitBackward0(IndexBackward0):
    pass


class SplitWithSizesBackward0(IndexBackward0):
    pass


class UnbindBackward0(IndexBackward0):
    pass


class UnsqueezeBackward0(IndexBackward0):
    pass


class AliasBackward0(IndexBackward0):
    pass


def getitem(x, idx, node_cls=None):
    """x[idx]; `node_cls` names the node after the op that takes the view (split, unbind)."""
    x = tensor_of(x)
    d = x._data
    idx, advanced = _normalise(idx, d.shape)
    out = _take(d, idx)
    if not isinstance(out, np.ndarray):
        out = np.asarray(out)
    r = record(node_cls or _node_for(idx, advanced), out, (x,), None, (d.shape, idx, advanced))
    if advanced:
        return r
    return _strided(r, x)


class IndexPutBackward0(Node):
    def backward(self, g):
        _, idx, _ = self.args
        return (getitem_normalised(g, idx),)


def getitem_normalised(x, idx: tuple):
    d = x._data
    return record(IndexBackward0, np.asarray(_take(d, idx)), (x,), None,
                  (d.shape, idx, any(isinstance(i, np.ndarray) for i in idx)))


def index_scatter(g, shape: tuple, idx: tuple, advanced: bool):
    """Zeros of `shape` with `g` added at `idx` (repeated indices accumulate)."""
    g = tensor_of(g)
    z = np.zeros(shape, dtype=g._data.dtype)
    if advanced:
        np.add.at(z, idx, g._data)
    else:
        z[idx] = g._data
    return record(IndexPutBackward0, z, (g,), None, (shape, idx, advanced))


def scatter_along(g, shape: tuple, dim: int, idx: np.ndarray, keepdim: bool):
    """Gradient of take-along-dim (max/min with dim): `g` placed at `idx` along `dim`."""
    g = tensor_of(g)
    if not keepdim and len(shape):
        from engine.ops.shape import unsqueeze

        g = unsqueeze(g, dim)
    if not len(shape):
        return g
    grids = list(np.indices(idx.shape, sparse=True))
    grids[dim] = idx
    return index_scatter(g, shape, tuple(grids), True)


class CopySlices(Node):
    def name(self) -> str:
        return "torch::autograd::CopySlices"  # a hand-written C++ node: torch names its namespace

    def backward(self, g):
        shape, idx, advanced, mask, flat = self.args
        nxt = self._next
        gx = grad_where(mask != 0, g) if nxt[0] is not None else None  # +0 where overwritten
        gv = None
        if nxt[1] is not None:  # the written values' gradient: g at their places
            gv = getitem_normalised(g.reshape(-1) if flat else g, idx[0] if flat else idx)
        return gx, gv


class SetIndexBackward(CopySlices):
    """x[index] = v with an advanced index (lists, index tensors, masks): torch's index_put_,
    so it prints as IndexPutBackward0 (the name index_scatter's node also has)."""
    name = Node.name


SetIndexBackward.__name__ = SetIndexBackward.__qualname__ = "IndexPutBackward0"


class FillBackward3(CopySlices):
    """x[...] = number (or a 0-dim tensor): the whole tensor filled, torch's fill_."""
    name = Node.name


class CopyBackwards(CopySlices):
    """x[...] = tensor: the whole tensor overwritten, torch's copy_."""

    def name(self) -> str:
        return "torch::autograd::CopyBackwards"


class AsStridedBackward0(Node):
    """A view of a tensor that an in-place op rewrote through it: its gradient goes back into
    the base's shape at the view's places."""

    def backward(self, g):
        shape, positions = self.args
        flat = index_scatter(g.reshape(-1), (math.prod(shape),), (positions.reshape(-1),), True)
        return (flat.reshape(shape),)


def write_through_view(view, r) -> bool:
    """An in-place op on a view (`h[0].mul_(10)`, `y.view(-1).clamp_(min=0)`) while autograd
    records: the new values land in the base's memory, the base's node becomes CopySlices over
    the view's places (its old values there get no gradient), and the view reads the new base
    (AsStridedBackward0), as in torch. False when the view's places cannot be worked out."""
    base = view._view_base
    positions = _positions(base._data, view._data)
    if positions is None:
        return False
    np.copyto(view._data, r._data, casting="unsafe")
    mask = np.ones(base._data.size, dtype=base._data.dtype)
    mask[positions.reshape(-1)] = 0
    mask = mask.reshape(base._data.shape)
    node = record(CopySlices, base._data, (base, r), None,
                  (base._data.shape, ((positions,),), True, mask, True))
    base.grad_fn, base._rg = node.grad_fn, True  # its version: the caller bumps the view's
    read = record(AsStridedBackward0, view._data, (base,), None, (base._data.shape, positions))
    view.grad_fn, view._rg = read.grad_fn, True
    return True


_POSITION_TYPES = {8: np.int64, 4: np.int32}


def _positions(b: np.ndarray, v: np.ndarray):
    """For each element of `v` (a numpy view into `b`'s memory), its flat index in `b`: numbers
    laid out exactly as `b` is, read back through `v`'s offset and strides."""
    kind = _POSITION_TYPES.get(b.itemsize)
    if kind is None or v.itemsize != b.itemsize or min(b.strides + v.strides, default=0) < 0:
        return None
    offset = v.__array_interface__["data"][0] - b.__array_interface__["data"][0]
    span = sum((n - 1) * s for n, s in zip(b.shape, b.strides)) + b.itemsize
    end = offset + sum((n - 1) * s for n, s in zip(v.shape, v.strides)) + v.itemsize
    if offset < 0 or offset % b.itemsize or end > span:
        return None
    buffer = np.zeros(span // b.itemsize, dtype=kind)
    as_strided = np.lib.stride_tricks.as_strided
    as_strided(buffer, b.shape, b.strides)[...] = np.arange(b.size, dtype=kind).reshape(b.shape)
    return as_strided(buffer[offset // b.itemsize:], v.shape, v.strides).astype(np.int64)


def setitem(x, idx, value) -> None:
    """x[idx] = value."""
    v = value._data if hasattr(value, "_data") else value
    tracked = STATE.enabled and (x._rg or getattr(value, "_rg", False))
    if not tracked:
        nidx, _ = _normalise(idx, x._data.shape)
        try:
            x._data[nidx] = v
        except IndexError as e:
            raise IndexError(str(e).replace("axis", "dimension")) from None
        bump_version(x)
        return
    d = x._data
    nidx, advanced = _normalise(idx, d.shape)
    if x.grad_fn is None and x._rg:
        raise RuntimeError(
            VIEW_OF_LEAF_INPLACE_MESSAGE if _makes_view(nidx, d.shape) else LEAF_INPLACE_MESSAGE
        )
    out = d.copy()
    out[nidx] = v
    mask = np.ones(d.shape, dtype=d.dtype)
    mask[nidx] = 0
    value = tensor_of(value)
    if advanced:
        node = SetIndexBackward
    elif _makes_view(nidx, d.shape):
        node = CopySlices
    else:  # the whole tensor: torch writes into it directly
        node = FillBackward3 if value._data.ndim == 0 else CopyBackwards
    r = record(node, out, (x, value), None, (d.shape, nidx, advanced, mask, False))
    base = x._view_base
    if (base is not None and d.flags.writeable and np.shares_memory(d, base._data)
            and write_through_view(x, r)):  # `v = h[1:]; v[0] = 5` writes into h as well
        bump_version(x)
        return
    x._data, x.grad_fn, x._rg = r._data, r.grad_fn, r._rg
    bump_version(x)


def _makes_view(idx: tuple, shape: tuple) -> bool:
    """Whether torch writes `x[idx] = v` through a view of `x`: an int, None or a slice that
    does not cover its whole dimension (full slices and Ellipsis are skipped, and advanced
    indices alone write into `x` itself)."""
    n_ell = len(shape) - sum(1 for i in idx if i is not None and i is not Ellipsis)
    dim = 0
    for i in idx:
        if i is Ellipsis:
            dim += max(n_ell, 0)
            continue
        if i is None or isinstance(i, int):
            return True
        if isinstance(i, slice) and dim < len(shape):
            if i.indices(shape[dim]) != (0, shape[dim], 1):
                return True
        dim += 1
    return False


class IndexSelectBackward0(IndexBackward0):
    pass


def index_select(x, dim: int, index) -> Tensor:
    x = tensor_of(x)
    d = x._data
    ix = np.atleast_1d(tensor_of(index)._data)  # a 0-d index still selects a 1-long dim
    idx, advanced = _normalise((slice(None),) * (dim % max(d.ndim, 1)) + (ix,))
    return record(IndexSelectBackward0, np.asarray(_take(d, idx)), (x,), None,
                  (d.shape, idx, advanced))


class GatherBackward0(Node):
    def backward(self, g):
        shape, full = self.args
        return (index_scatter(g, shape, full, True),)


class SortBackward0(GatherBackward0):
    pass


class TopkBackward0(GatherBackward0):
    pass


def gather(x, dim: int, index, _node=GatherBackward0):
    x = tensor_of(x)
    d = x._data
    ix = tensor_of(index)._data
    dim = _wrap_dim(dim, d.ndim)
    if _node is GatherBackward0:  # a student's index (sort/topk make their own)
        _check_gather_index(d, dim, ix)
    grids = list(np.indices(ix.shape, sparse=True))
    grids[dim] = ix
    full = tuple(grids)
    return record(_node, np.asarray(d[full]), (x,), None, (d.shape, full))


def _check_gather_index(d: np.ndarray, dim: int, ix: np.ndarray) -> None:
    """torch's checks of gather's index, in its order and words."""
    if ix.dtype.kind not in "iu":
        raise RuntimeError("gather(): Expected dtype int32/int64 for index")
    if ix.ndim != d.ndim and not (ix.ndim <= 1 and d.ndim <= 1):
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    for k in range(ix.ndim):
        if k != dim and ix.shape[k] > d.shape[k]:
            raise RuntimeError(
                f"Size does not match at dimension {k} expected index {list(ix.shape)} to be no "
                f"larger than self {list(d.shape)} apart from dimension {dim}")
    n = d.shape[dim] if d.ndim else 1
    bad = (ix < 0) | (ix >= n)
    if bad.any():
        raise RuntimeError(f"index {ix[bad].reshape(-1)[0]} is out of bounds for dimension {dim} "
                           f"with size {n}")


_SortResult = return_type("sort")
_TopkResult = return_type("topk")


def sort(x, dim: int = -1, descending: bool = False, stable: bool = False):
    """(values, indices) along `dim`; values take their gradient through gather."""
    from engine.tensor import wrap

    x = tensor_of(x)
    d = x._data
    if d.ndim == 0:
        return _SortResult(getitem(x, ()), wrap(np.zeros((), dtype=np.int64)))
    dim = dim % d.ndim
    idx = _argsort(d, dim, descending)
    return _SortResult(gather(x, dim, wrap(idx), SortBackward0), wrap(idx))


def _argsort(d: np.ndarray, dim: int, descending: bool) -> np.ndarray:
    # Stable either way; descending keeps equal elements in their original order, as torch.
    if descending:
        if d.dtype.kind == "b":
            d = d.astype(np.int8)
        idx = np.flip(np.argsort(np.flip(d, dim), axis=dim, kind="stable"), dim)
        idx = d.shape[dim] - 1 - idx
    else:
        idx = np.argsort(d, axis=dim, kind="stable")
    return np.ascontiguousarray(idx, dtype=np.int64)


def argsort(x, dim: int = -1, descending: bool = False, stable: bool = False):
    from engine.tensor import wrap

    d = tensor_of(x)._data
    if d.ndim == 0:
        return wrap(np.zeros((), dtype=np.int64))
    return wrap(_argsort(d, dim % d.ndim, descending))


def topk(x, k: int, dim: int = -1, largest: bool = True, sorted: bool = True):  # noqa: A002
    from engine.tensor import wrap

    x = tensor_of(x)
    d = x._data
    if d.ndim == 0:
        return _TopkResult(getitem(x, ()), wrap(np.zeros((), dtype=np.int64)))
    dim = dim % d.ndim
    if not 0 <= k <= d.shape[dim]:
        raise RuntimeError("selected index k out of range")
    sel = (slice(None),) * dim + (slice(0, k),)
    idx = np.ascontiguousarray(_argsort(d, dim, largest)[sel])
    return _TopkResult(gather(x, dim, wrap(idx), TopkBackward0), wrap(idx))


class _NoDerivative(Node):
    def backward(self, g):
        raise NotImplementedError(f"the derivative for '{self.args}' is not implemented.")


class Unique2Backward0(_NoDerivative):
    pass


class UniqueDimBackward0(_NoDerivative):
    pass


def unique(x, sorted: bool = True, return_inverse: bool = False,  # noqa: A002
           return_counts: bool = False, dim=None):
    """Sorted distinct values (or slices along `dim`), optionally with inverse and counts."""
    from engine.tensor import wrap

    x = tensor_of(x)
    d = x._data
    if dim is None:
        vals, inv, counts = np.unique(d.reshape(-1), return_inverse=True, return_counts=True)
        inv = inv.reshape(d.shape)
        out = record(Unique2Backward0, vals, (x,), None, "_unique2")
    else:
        dim = dim % max(d.ndim, 1)
        vals, inv, counts = np.unique(d, return_inverse=True, return_counts=True, axis=dim)
        inv = inv.reshape(-1)
        out = record(UniqueDimBackward0, vals, (x,), None, "unique_dim")
    res = (out,)
    if return_inverse:
        res += (wrap(inv.astype(np.int64)),)
    if return_counts:
        res += (wrap(counts.astype(np.int64)),)
    return res[0] if len(res) == 1 else res


class MedianBackward0(Node):
    """Whole-tensor median: ties share the gradient evenly (torch's evenly_distribute_backward)."""

    def backward(self, g):
        x, result = self.saved
        mask = x == result
        return (g * mask / mask.sum(),)


class MedianBackward1(GatherBackward0):
    pass


class KthvalueBackward0(GatherBackward0):
    pass


class CummaxBackward0(GatherBackward0):
    pass


_MedianResult = return_type("median")
_KthvalueResult = return_type("kthvalue")
_CummaxResult = return_type("cummax")


def _kth_along(x, k: int, dim: int, keepdim: bool, node):
    """The k-th smallest (0-based) element along `dim`: (values, indices), recorded as `node`."""
    from engine.tensor import wrap

    d = x._data
    sel = (slice(None),) * dim + ((slice(k, k + 1),) if keepdim else (k,))
    idx = np.array(_argsort(d, dim, False)[sel], dtype=np.int64)
    grids = list(np.indices(idx.shape, sparse=True))
    full = tuple(grids[:dim] + [idx] + grids[dim + 1 if keepdim else dim:])
    vals = record(node, np.asarray(d[full]), (x,), None, (d.shape, full))
    return vals, wrap(idx)


def median(x, dim=None, keepdim: bool = False):
    """The lower median (no averaging of the two middle values), as torch."""
    from engine.ops.shape import reshape

    x = tensor_of(x)
    n = x._data.size if dim is None else x._data.shape[dim] if x._data.ndim else 1
    if dim is None:
        k = (n - 1) // 2
        flat = x._data.reshape(-1)
        vals = np.partition(flat, k)[k] if n else np.nan  # nan present: nan (partition ends it)
        if n and flat.dtype.kind == "f" and np.isnan(flat).any():
            vals = np.nan
        out = record(MedianBackward0, np.array(vals, dtype=x._data.dtype), (x,))
        if out.grad_fn is not None:
            out.grad_fn.save(x, out.detach())
        return out
    if x._data.ndim == 0:
        return _MedianResult(*_kth_along(reshape(x, (1,)), 0, 0, False, MedianBackward1))
    return _MedianResult(*_kth_along(x, (n - 1) // 2, dim % x._data.ndim, keepdim,
                                     MedianBackward1))


def kthvalue(x, k: int, dim: int = -1, keepdim: bool = False):
    x = tensor_of(x)
    d = x._data
    size = d.shape[dim] if d.ndim else 1
    if not 1 <= k <= size:
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {dim}")
    return _KthvalueResult(*_kth_along(x, k - 1, dim % max(d.ndim, 1), keepdim,
                                       KthvalueBackward0))


def cummax(x, dim: int):
    """Running maximum along `dim` and the index where it was (last one on ties, as torch)."""
    return _cumulative_extreme(x, dim, np.greater_equal, _CummaxResult, CummaxBackward0)


class CumminBackward0(GatherBackward0):
    pass


_CumminResult = return_type("cummin")


def cummin(x, dim: int):
    """Running minimum along `dim` and the index where it was (last one on ties, as torch)."""
    return _cumulative_extreme(x, dim, np.less_equal, _CumminResult, CumminBackward0)


def _cumulative_extreme(x, dim: int, better, result_type, node):
    """cummax/cummin: an element replaces the running best when `better` than or equal to it,
    or when it is nan (nan then stays, as nothing compares true against it)."""
    from engine.tensor import wrap

    x = tensor_of(x)
    d = x._data
    dim = _wrap_dim(dim, d.ndim)
    if not d.ndim:
        return result_type(record(node, d.copy(), (x,), None, ((), ())),
                           wrap(np.zeros((), np.int64)))
    moved = np.moveaxis(d, dim, -1)
    idx = np.zeros(moved.shape, dtype=np.int64)
    best = moved[..., :1].copy()
    for i in range(moved.shape[-1]):
        v = moved[..., i]
        take = better(v, best[..., 0]) | (np.isnan(v) if v.dtype.kind == "f" else False)
        best[..., 0] = np.where(take, v, best[..., 0])
        idx[..., i] = np.where(take, i, idx[..., i - 1] if i else 0)
    idx = np.ascontiguousarray(np.moveaxis(idx, -1, dim))
    return result_type(gather(x, dim, wrap(idx), node), wrap(idx))


def msort(x):
    return sort(x, 0).values


def nonzero(x, as_tuple: bool = False):
    from engine.tensor import wrap

    d = tensor_of(x)._data
    if as_tuple:
        return tuple(wrap(i.astype(np.int64)) for i in np.nonzero(d.reshape(d.shape or (1,))))
    return wrap(np.argwhere(d).astype(np.int64))


# ---------------------------------------------------------------- scatter, masked_select, take

def _scatter_index(x, dim: int, index, src) -> tuple[int, np.ndarray, tuple]:
    """Check scatter's arguments as torch does; return (dim, index array, full index), where
    `full` addresses x (seen as at least 1-d) at index[i][j] along `dim` and at i, j elsewhere."""

    d = x._data
    dim = _wrap_dim(dim, d.ndim)
    ix = tensor_of(index)._data
    if ix.dtype.kind not in "iu":
        raise RuntimeError("scatter(): Expected dtype int32/int64 for index")
    if ix.ndim != d.ndim and ix.size:
        raise RuntimeError("Index tensor must have the same number of dimensions as self tensor")
    if src is not None:
        if src._data.ndim != ix.ndim:
            raise RuntimeError("Index tensor must have the same number of dimensions as src tensor")
        if src._data.dtype != d.dtype:
            raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    ix = ix.reshape(ix.shape or (1,))
    shape = d.shape or (1,)
    _check_scatter_sizes(ix.shape, shape, dim, d.shape, src)
    bad = (ix < 0) | (ix >= shape[dim])
    if bad.any():
        raise RuntimeError(f"index {ix[bad][0]} is out of bounds for dimension {dim} with size "
                           f"{shape[dim]}")
    grids = list(np.indices(ix.shape, sparse=True))
    grids[dim] = ix
    return dim, ix, tuple(grids)


def _check_scatter_sizes(ishape: tuple, shape: tuple, dim: int, self_shape: tuple, src) -> None:
    larger = any(n > s for i, (n, s) in enumerate(zip(ishape, shape)) if i != dim)
    if src is not None:
        larger = larger or any(n > s for n, s in zip(ishape, src._data.shape or (1,)))
    if larger:
        src_part = "" if src is None else \
            f" and to be no larger size than src {list(src._data.shape)}"
        raise RuntimeError(f"Expected index {list(ishape)} to be no larger than self "
                           f"{list(self_shape)} apart from dimension {dim}{src_part}")


def _src_block(src, ix: np.ndarray) -> np.ndarray:
    """The part of `src` scatter reads: its corner of index's shape."""
    sd = src._data.reshape(src._data.shape or (1,))
    return sd[tuple(slice(0, n) for n in ix.shape)]


class ScatterBackward0(Node):
    """scatter with a src tensor: overwritten places get no gradient; src gets what it wrote
    (torch gathers for every index, duplicates included)."""

    def backward(self, g):
        dim, ix, src_shape = self.args
        nxt = self._next
        gx = scatter(g, dim, ix, 0.0) if nxt[0] is not None else None
        gs = _src_grad(self.name(), g, dim, ix, src_shape) if nxt[1] is not None else None
        return gx, gs


def _src_grad(node_name: str, g, dim: int, ix: np.ndarray, src_shape: tuple):
    """g gathered at the index: index-shaped, so a src larger than the index cannot take it;
    torch's engine rejects that gradient, with this message."""
    if ix.shape != src_shape:
        raise RuntimeError(f"Function {node_name} returned an invalid gradient at index 1 - "
                           f"got {list(ix.shape)} but expected shape compatible with "
                           f"{list(src_shape)}")
    return gather(g, dim, ix)


class ScatterBackward1(Node):
    def backward(self, g):
        dim, ix, _ = self.args
        return (scatter(g, dim, ix, 0.0),)


def scatter(x, dim: int, index, src=None, *, value=None) -> Tensor:
    """A copy of `x` with src[i][j] (or the number `value`) written at index[i][j] along `dim`."""
    from engine.tensor import wrap

    x = tensor_of(x)
    if src is None:
        src = value
    if not hasattr(src, "_data"):
        if isinstance(src, np.ndarray):
            src = wrap(src)
        elif src is None:
            raise TypeError("scatter() missing required argument 'src' (or 'value')")
    number = not hasattr(src, "_data")
    dim, ix, full = _scatter_index(x, dim, index, None if number else src)
    d = x._data
    out = d.reshape(d.shape or (1,)).copy()
    out[full] = src if number else _src_block(src, ix)
    out = out.reshape(d.shape)
    ix = tensor_of(index)._data  # the rules scatter and gather with the index as given
    if number:
        return record(ScatterBackward1, out, (x,), None, (dim, ix, None))
    return record(ScatterBackward0, out, (x, src), None, (dim, ix, src._data.shape))


class ScatterAddBackward0(Node):
    def backward(self, g):
        dim, ix, src_shape = self.args
        nxt = self._next
        gs = _src_grad(self.name(), g, dim, ix, src_shape) if nxt[1] is not None else None
        return (g if nxt[0] is not None else None), gs


def scatter_add(x, dim: int, index, src) -> Tensor:
    """A copy of `x` with src[i][j] added at index[i][j] along `dim` (repeats accumulate)."""
    x = tensor_of(x)
    if not hasattr(src, "_data"):
        raise TypeError(f"scatter_add(): argument 'src' (position 3) must be Tensor, not "
                        f"{type(src).__name__}")
    dim, ix, full = _scatter_index(x, dim, index, src)
    d = x._data
    out = d.reshape(d.shape or (1,)).copy()
    np.add.at(out, full, _src_block(src, ix))
    return record(ScatterAddBackward0, out.reshape(d.shape), (x, src), None,
                  (dim, tensor_of(index)._data, src._data.shape))


class MaskedSelectBackward0(Node):
    def backward(self, g):
        shape, where_ = self.args
        return (index_scatter(g, shape, where_, True),)


def masked_select(x, mask) -> Tensor:
    """The elements of `x` where `mask` is True, as a 1-d tensor (x and mask broadcast)."""
    from engine.ops._core import check_broadcast

    x = tensor_of(x)
    m = tensor_of(mask)._data
    if m.dtype.kind != "b":
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    d = x._data
    check_broadcast(m, d)  # torch names the mask "tensor a"
    shape = np.broadcast_shapes(d.shape, m.shape)
    where_ = np.nonzero(np.broadcast_to(m, shape))
    out = np.broadcast_to(d, shape)[where_]
    # The rule scatters into the broadcast shape; the engine sums it back to x's.
    return record(MaskedSelectBackward0, out, (x,), None, (shape, where_))


class TakeBackward0(Node):
    def backward(self, g):
        from engine.ops.shape import reshape

        shape, flat = self.args
        n = int(np.prod(shape))
        return (reshape(index_scatter(reshape(g, (-1,)), (n,), (flat,), True), shape),)


def take(x, index) -> Tensor:
    """x flattened, read at `index` (negative indices count from the end); index's shape."""
    x = tensor_of(x)
    ix = tensor_of(index)._data
    if ix.dtype.kind not in "iu":
        name = {"f": "Float", "b": "Bool"}.get(ix.dtype.kind, str(ix.dtype))
        raise RuntimeError(f"take(): Expected a long tensor for index, but got {name}")
    d = x._data
    n = d.size
    bad = (ix >= n) | (ix < -n)
    if bad.any():
        raise IndexError(f"out of range: tried to access index {ix[bad][0]} on a tensor of {n} "
                         f"elements.")
    flat = ix.reshape(-1) % max(n, 1)
    out = d.reshape(-1)[flat].reshape(ix.shape)
    return record(TakeBackward0, out, (x,), None, (d.shape, flat))


# ---------------------------------------------------------------- searchsorted, bucketize

def searchsorted(sorted_sequence, input, *, out_int32: bool = False,  # noqa: A002 - torch's name
                 right: bool = False, side=None, sorter=None) -> Tensor:
    """Where each value of `input` would be inserted into the sorted innermost rows of
    `sorted_sequence` (1-D, or matching input's leading dimensions); no gradient."""
    from engine.tensor import wrap

    bd = tensor_of(sorted_sequence)._data
    vd = tensor_of(input)._data
    if side is not None:
        if side not in ("left", "right"):
            raise RuntimeError(f"torch.searchsorted(): side can only be 'left' or 'right' but "
                               f"got {side}")
        if right and side == "left":
            raise RuntimeError("torch.searchsorted(): side and right can't be set to opposites, "
                               "got side of left while right was True")
        right = side == "right"
    if sorter is not None:
        bd = np.take_along_axis(bd, tensor_of(sorter)._data, axis=-1)
    if bd.ndim != 1 and (bd.shape[:-1] != vd.shape[:-1] or vd.ndim != bd.ndim):
        raise RuntimeError(
            "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
            "dimensions of boundaries tensor and input value tensor must match, but we got "
            f"boundaries tensor {list(bd.shape)} and input value tensor {list(vd.shape)}")
    how = "right" if right else "left"
    if bd.ndim == 1:
        out = np.searchsorted(bd, vd, side=how)
    else:
        rows, vals = bd.reshape(-1, bd.shape[-1]), vd.reshape(-1, vd.shape[-1])
        out = np.stack([np.searchsorted(r, v, side=how) for r, v in zip(rows, vals)])
        out = out.reshape(vd.shape)
    return wrap(np.asarray(out, dtype=np.int32 if out_int32 else np.int64))


def bucketize(input, boundaries, *, out_int32: bool = False,  # noqa: A002 - torch's name
              right: bool = False) -> Tensor:
    """The bucket of each value: i with boundaries[i-1] < v <= boundaries[i] (with `right`,
    boundaries[i-1] <= v < boundaries[i]); no gradient."""
    bd = tensor_of(boundaries)._data
    if bd.ndim != 1:
        raise RuntimeError(f"boundaries tensor must be 1 dimension, but got dim({bd.ndim})")
    return searchsorted(boundaries, input, out_int32=out_int32, right=right)


# ---------------------------------------------------------------- index_add, index_copy, ...

def _index_vector(x, dim: int, index, op: str) -> tuple[int, np.ndarray]:
    """(dim, flat index) of index_add/index_copy, checked with each op's own words (the bounds
    are checked by the caller, after the source)."""

    dim = _wrap_dim(dim, x._data.ndim)
    ix = tensor_of(index)._data
    if op == "index_add_":
        if ix.ndim > 1:
            raise IndexError(f"index_add_(): Index is supposed to be a vector, but got dim: "
                             f"{ix.ndim} with type: {_scalar_name(ix)} and size: "
                             f"{list(ix.shape)}")
        if ix.dtype not in (np.int64, np.int32):
            raise RuntimeError("index_add_(): Expected dtype int32/int64 for index but got: "
                               f"{_scalar_name(ix)}")
    else:
        if ix.ndim > 1:
            raise IndexError(f"index_copy_(): Index should have dimension 1 or 0 (got {ix.ndim})")
        if ix.dtype != np.int64:
            raise RuntimeError("index_copy_(): Expected a long tensor for index, but got "
                               f"{_scalar_name(ix)}")
    return dim, ix.reshape(-1).astype(np.int64)


def _out_of_bounds(ix: np.ndarray, dim: int, size: int, prefix: str = "",
                   lowest: int = 0) -> str | None:
    bad = (ix < lowest) | (ix >= size)
    if bad.any():
        return f"{prefix}index {ix[bad][0]} is out of bounds for dimension {dim} with size {size}"
    return None


def _along(dim: int, ix: np.ndarray) -> tuple:
    return (slice(None),) * dim + (ix,)


def _source_block(x, source, dim: int, ix: np.ndarray) -> np.ndarray:
    """`source` as the block written along `dim` (0-dim tensors take part as one element)."""
    d, sd = x._data, source._data
    return sd.reshape(d.shape[:dim] + (ix.size,) + d.shape[dim + 1:] if d.ndim else (ix.size,))


def _scalar_name(d: np.ndarray) -> str:
    return {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long",
            "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
            "bool": "Bool"}.get(d.dtype.name, d.dtype.name)


def _source_grad(g, dim: int, ix: np.ndarray, src_shape: tuple):
    from engine.ops.shape import reshape

    picked = index_select(g, dim, ix) if g._data.ndim else reshape(g, (1,))
    return reshape(picked, src_shape)


class IndexAddBackward0(Node):
    def backward(self, g):
        dim, ix, alpha, src_shape = self.args
        nxt = self._next
        gs = None
        if nxt[1] is not None:
            gs = _source_grad(g, dim, ix, src_shape)
            gs = gs if alpha == 1 else gs * alpha
        return (g if nxt[0] is not None else None), gs


def index_add(x, dim: int, index, source, *, alpha=1) -> Tensor:
    """A copy of `x` with alpha * source[i] added at index[i] along `dim` (repeats accumulate)."""
    x, source = tensor_of(x), tensor_of(source)
    dim, ix = _index_vector(x, dim, index, "index_add_")
    d, sd = x._data, source._data
    if sd.dtype != d.dtype:
        raise RuntimeError(f"index_add_(): self ({_scalar_name(d)}) and source "
                           f"({_scalar_name(sd)}) must have the same scalar type")
    n = sd.shape[dim] if sd.ndim else 1
    if ix.size != n:
        raise RuntimeError(f"index_add_(): Number of indices ({ix.size}) should be equal to "
                           f"source.size(dim): ({n}), for dim: {dim}")
    if d.ndim and sd.shape[:dim] + sd.shape[dim + 1:] != d.shape[:dim] + d.shape[dim + 1:]:
        raise RuntimeError("source tensor shape must match self tensor shape, excluding the "
                           f"specified dimension. Got self.shape = {list(d.shape)} "
                           f"source.shape = {list(sd.shape)}")
    message = _out_of_bounds(ix, dim, d.shape[dim] if d.ndim else 1)
    if message:
        raise RuntimeError(message)
    out = d.reshape(d.shape or (1,)).copy()
    block = _source_block(x, source, dim, ix)
    if alpha == 1:
        np.add.at(out, _along(dim, ix), block)
    else:
        # torch adds alpha * source with one rounding (a fused multiply-add), index by index;
        # extended precision stands in for the fused operation
        moved, rows = np.moveaxis(out, dim, 0), np.moveaxis(block, dim, 0)
        wide = np.longdouble(alpha)
        for i, row in zip(ix, rows):
            moved[i] = (moved[i].astype(np.longdouble) + wide * row.astype(np.longdouble)).astype(
                out.dtype)
    return record(IndexAddBackward0, out.reshape(d.shape), (x, source), None,
                  (dim, ix, alpha, sd.shape))


class IndexCopyBackward0(Node):
    def backward(self, g):
        dim, ix, src_shape = self.args
        nxt = self._next
        gx = index_fill(g, dim, ix, 0) if nxt[0] is not None else None
        gs = _source_grad(g, dim, ix, src_shape) if nxt[1] is not None else None
        return gx, gs


def index_copy(x, dim: int, index, source) -> Tensor:
    """A copy of `x` with source[i] written at index[i] along `dim`."""
    x, source = tensor_of(x), tensor_of(source)
    dim, ix = _index_vector(x, dim, index, "index_copy_")
    d, sd = x._data, source._data
    n = sd.shape[dim] if sd.ndim else 1
    if ix.size != n:
        raise IndexError(f"index_copy_(): Number of indices ({ix.size}) should be equal to "
                         f"source.size(dim) ({n})")
    if sd.dtype != d.dtype:
        raise RuntimeError("index_copy_(): self and source expected to have the same dtype, but "
                           f"got (self) {_scalar_name(d)} and (source) {_scalar_name(sd)}")
    message = _out_of_bounds(ix, dim, d.shape[dim] if d.ndim else 1, "index_copy_(): ")
    if message:
        raise IndexError(message)
    out = d.reshape(d.shape or (1,)).copy()
    out[_along(dim, ix)] = _source_block(x, source, dim, ix)
    return record(IndexCopyBackward0, out.reshape(d.shape), (x, source), None,
                  (dim, ix, sd.shape))


class IndexFillBackward0(Node):
    """A number filled in."""

    def backward(self, g):
        dim, ix = self.args
        return (index_fill(g, dim, ix, 0),)


class IndexFillBackward1(Node):
    """A 0-dim tensor filled in: it receives the gradient of every place it was written to."""

    def backward(self, g):
        dim, ix = self.args
        nxt = self._next
        gx = index_fill(g, dim, ix, 0) if nxt[0] is not None else None
        gv = index_select(g, dim, ix).sum() if nxt[1] is not None else None
        return gx, gv


def index_fill(x, dim: int, index, value) -> Tensor:
    """A copy of `x` with `value` (a number or a 0-dim tensor) at every index along `dim`
    (negative indices count from the end)."""

    x = tensor_of(x)
    d = x._data
    dim = _wrap_dim(dim, d.ndim)
    ix = tensor_of(index)._data
    if ix.dtype != np.int64:
        raise IndexError("index_fill_(): Expected dtype int64 for index.")
    if ix.ndim > 1:
        raise RuntimeError("Index has to be a vector/scalar")
    tensor_value = hasattr(value, "_data")
    if tensor_value and value._data.ndim:
        raise RuntimeError("index_fill_ only supports a 0-dimensional value tensor, but got "
                           f"tensor with {value._data.ndim} dimension(s).")
    size = d.shape[dim] if d.ndim else 1
    ix = ix.reshape(-1)
    message = _out_of_bounds(ix, dim, size, lowest=-size)
    if message:
        raise IndexError(message)
    ix = ix % max(size, 1)
    out = d.reshape(d.shape or (1,)).copy()
    out[_along(dim, ix)] = value._data if tensor_value else value
    out = out.reshape(d.shape)
    if tensor_value:
        return record(IndexFillBackward1, out, (x, value), None, (dim, ix))
    return record(IndexFillBackward0, out, (x,), None, (dim, ix))


class MaskedScatterBackward0(Node):
    def backward(self, g):
        from engine.ops.select import masked_fill
        from engine.ops.shape import reshape

        mask, src_shape = self.args
        nxt = self._next
        gx = masked_fill(g, mask, 0) if nxt[0] is not None else None
        gs = None
        if nxt[1] is not None:  # the source elements read, in order; the unread ones get 0
            picked = masked_select(g, mask)
            n = int(np.prod(src_shape))
            gs = reshape(index_scatter(picked, (n,), (np.arange(picked._data.size),), True),
                         src_shape)
        return gx, gs


def masked_scatter(x, mask, source) -> Tensor:
    """A copy of `x` with the elements of `source`, in order, written where `mask` is True
    (the mask broadcasts to x's shape)."""
    from engine.ops._core import check_broadcast

    x, source = tensor_of(x), tensor_of(source)
    m = tensor_of(mask)._data
    d, sd = x._data, source._data
    if m.dtype.kind != "b":
        raise RuntimeError("masked_scatter_ only supports boolean masks, but got mask with dtype "
                           f"{_scalar_name(m)}")
    if sd.dtype != d.dtype:
        raise RuntimeError("masked_scatter: expected self and source to have same dtypes but got"
                           f"{_scalar_name(d)} and {_scalar_name(sd)}")
    check_broadcast(m, d)  # torch names the mask "tensor a"
    m = np.broadcast_to(m, d.shape)
    n = int(m.sum())
    if n > sd.size:
        raise RuntimeError("Number of elements of source < number of ones in mask")
    out = d.copy()
    out[m] = sd.reshape(-1)[:n]
    return record(MaskedScatterBackward0, out, (x, source), None, (m.copy(), sd.shape))
