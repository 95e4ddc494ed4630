"""Joining tensors: cat and stack (gradients are sliced back out per input)."""
from __future__ import annotations

import numpy as np

from engine import dtypes
from engine.autograd.node import Node
from engine.ops._core import Tensor, record, tensor_of
from engine.ops.index import SplitBackward0, SplitWithSizesBackward0, UnbindBackward0, getitem
from engine.tensor import _wrap_dim


class CatBackward0(Node):
    def backward(self, g):
        dim, sizes = self.args
        out = []
        start = 0
        for n, size in zip(self._next, sizes):
            if n is not None:
                out.append(getitem(g, (slice(None),) * dim + (slice(start, start + size),)))
            else:
                out.append(None)
            start += size
        return tuple(out)


def _promote_all(tensors, fn: str = "cat"):
    if isinstance(tensors, Tensor):  # cat(a, b) / stack(a): torch's argument parser refuses it
        raise TypeError(f"{fn}(): argument 'tensors' (position 1) must be tuple of Tensors, not "
                        "Tensor")
    ts = [tensor_of(t) for t in tensors]
    if not ts:
        if fn == "stack":
            raise RuntimeError("stack expects a non-empty TensorList")
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    rt = dtypes.result_type(*[t._data for t in ts if t._data.ndim] or [t._data for t in ts])
    return ts, [t._data.astype(rt, copy=False) for t in ts]


def cat(tensors, dim: int = 0):
    ts, ds = _promote_all(tensors)
    keep = [(t, d) for t, d in zip(ts, ds) if not (d.ndim == 1 and d.shape[0] == 0)]
    if not keep:
        keep = list(zip(ts, ds))
    ts, ds = [k[0] for k in keep], [k[1] for k in keep]
    nd = ds[0].ndim
    if nd == 0:
        raise RuntimeError("zero-dimensional tensor (at position 0) cannot be concatenated")
    dim = _wrap_dim(dim, nd)
    for i, d in enumerate(ds[1:], 1):
        if d.ndim != nd:
            raise RuntimeError(
                f"Tensors must have same number of dimensions: got {nd} and {d.ndim}"
            )
        for ax in range(nd):
            if ax != dim and d.shape[ax] != ds[0].shape[ax]:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {dim}. Expected size "
                    f"{ds[0].shape[ax]} but got size {d.shape[ax]} for tensor number {i} in "
                    "the list."
                )
    out = np.concatenate(ds, axis=dim)
    return record(CatBackward0, out, tuple(ts), None, (dim, [d.shape[dim] for d in ds]))


concat = concatenate = cat


class StackBackward0(Node):
    def backward(self, g):
        dim = self.args
        return tuple(
            getitem(g, (slice(None),) * dim + (i,)) if n is not None else None
            for i, n in enumerate(self._next)
        )


def stack(tensors, dim: int = 0):
    ts, ds = _promote_all(tensors, "stack")
    dim = _wrap_dim(dim, ds[0].ndim + 1)
    for i, d in enumerate(ds[1:], 1):
        if d.shape != ds[0].shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(ds[0].shape)} at "
                f"entry 0 and {list(d.shape)} at entry {i}"
            )
    return record(StackBackward0, np.stack(ds, axis=dim), tuple(ts), None, dim)


def hstack(tensors):
    ts = [tensor_of(t) for t in tensors]
    return cat(ts, 0 if ts[0]._data.ndim == 1 else 1)


def vstack(tensors):
    from engine.ops.shape import reshape

    return cat([reshape(t, (1, -1)) if tensor_of(t)._data.ndim < 2 else t for t in tensors], 0)


def split(x, split_size_or_sections, dim: int = 0) -> tuple:
    """Pieces of `x` along `dim`: equal `split_size` chunks (last one smaller) or given sizes."""
    x = tensor_of(x)
    n = x._data.shape[_wrap_dim(dim, x._data.ndim)]
    dim = _wrap_dim(dim, x._data.ndim)
    node = SplitBackward0
    if isinstance(split_size_or_sections, int):
        step = split_size_or_sections
        sizes = [min(step, n - s) for s in range(0, n, step)] or [0]
    else:
        node = SplitWithSizesBackward0
        sizes = list(split_size_or_sections)
        if sum(sizes) != n:
            raise RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {n} (input tensor's size "
                f"at dimension {dim}), but got split_sizes={sizes}"
            )
    pieces, start = [], 0
    for size in sizes:
        pieces.append(getitem(x, (slice(None),) * dim + (slice(start, start + size),), node))
        start += size
    return tuple(pieces)


def chunk(x, chunks: int, dim: int = 0) -> tuple:
    x = tensor_of(x)
    n = x._data.shape[_wrap_dim(dim, x._data.ndim)]
    return split(x, max(1, -(-n // chunks)), dim)


def unbind(x, dim: int = 0) -> tuple:
    x = tensor_of(x)
    dim = _wrap_dim(dim, x._data.ndim)
    return tuple(getitem(x, (slice(None),) * dim + (i,), UnbindBackward0)
                 for i in range(x._data.shape[dim]))
