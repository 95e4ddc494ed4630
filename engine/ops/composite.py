"""Functions PyTorch itself builds from other ops: each is written with the same ops, so its
result carries the grad_fn PyTorch shows (diff ends in SubBackward0, narrow is a slice, movedim a
permute, tile a repeat) and its gradient comes from those ops' rules."""
from __future__ import annotations

import numpy as np

from engine.ops._core import Tensor, tensor_of, wrap
from engine.ops.arith import div, sub
from engine.ops.index import getitem, index_select
from engine.ops.join import cat
from engine.ops.reduce import nansum, sum as _sum
from engine.ops.select import logical_xor
from engine.ops.shape import expand, flatten, permute, repeat, reshape, unsqueeze
from engine.tensor import _wrap_dim
from engine.warn_once import warn_once


def narrow(x, dim: int, start: int, length: int) -> Tensor:
    """x[..., start:start + length, ...] along `dim` (a negative start counts from the end)."""
    x = tensor_of(x)
    dim = _wrap_dim(dim, x._data.ndim)
    size = x._data.shape[dim]
    if not -size <= start <= size:
        raise IndexError(f"start out of range (expected to be in range of [{-size}, {size}], "
                         f"but got {start})")
    if start < 0:
        start += size
    if start + length > size:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size "
                           f"({size}).")
    return getitem(x, (slice(None),) * dim + (slice(start, start + length),))


def diff(x, n: int = 1, dim: int = -1, prepend=None, append=None) -> Tensor:
    """n-th forward difference along `dim`, after joining `prepend` and `append` to x."""
    x = tensor_of(x)
    if x._data.ndim == 0:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    dim = _wrap_dim(dim, x._data.ndim)
    parts = [tensor_of(p) for p in (prepend, x, append) if p is not None]
    if any(p._data.ndim != x._data.ndim for p in parts):
        raise RuntimeError("diff expects prepend or append to be the same dimension as input")
    if len(parts) > 1:
        x = cat(parts, dim)
    for _ in range(n):
        size = x._data.shape[dim]
        if size == 0:
            break
        hi, lo = narrow(x, dim, 1, size - 1), narrow(x, dim, 0, size - 1)
        # bools have no subtraction: torch's difference of bools is "changed or not"
        x = logical_xor(hi, lo) if x._data.dtype.kind == "b" else sub(hi, lo)
    return x


_MESHGRID_WARNING = (
    "torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument. "
    "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4215.)"
)


def meshgrid(*tensors, indexing: str | None = None) -> tuple:
    """Coordinate grids: output i holds tensor i varying along its own dim ('ij'), or with the
    first two dims swapped ('xy', numpy's default). Without `indexing` torch uses 'ij' and warns
    once per process that the argument will become required."""
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    ts = [tensor_of(t) for t in tensors]
    if indexing is None:
        warn_once(_MESHGRID_WARNING)
        indexing = "ij"
    if indexing not in ("ij", "xy"):
        raise RuntimeError('torch.meshgrid: indexing must be one of "xy" or "ij", but received: '
                           f"{indexing}")
    for t in ts:
        if t._data.ndim > 1:
            raise RuntimeError("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but "
                               f"got a {t._data.ndim}D tensor")
    axes = list(range(len(ts)))
    if indexing == "xy" and len(ts) >= 2:
        axes[0], axes[1] = 1, 0
    shape = [0] * len(ts)
    for t, ax in zip(ts, axes):
        shape[ax] = t._data.size
    out = []
    for t, ax in zip(ts, axes):
        view = [1] * len(ts)
        view[ax] = -1
        out.append(expand(reshape(t, tuple(view)), tuple(shape)))
    return tuple(out)


def movedim(x, source, destination) -> Tensor:
    """Move dims `source` to positions `destination`, the others keeping their order."""
    x = tensor_of(x)
    ndim = x._data.ndim
    src = [source] if isinstance(source, int) else list(source)
    dst = [destination] if isinstance(destination, int) else list(destination)
    if len(src) != len(dst):
        raise RuntimeError(
            f"movedim: Invalid source or destination dims: source ({src} dims) should contain the "
            f"same number of dims as destination ({dst} dims)")
    src = [_wrap_dim(d, ndim) for d in src]
    dst = [_wrap_dim(d, ndim) for d in dst]
    for name, dims in (("source", src), ("destination", dst)):
        if len(set(dims)) != len(dims):
            raise RuntimeError(f"movedim: repeated dim in `{name}` ({dims})")
    order = [-1] * ndim
    for s, d in zip(src, dst):
        order[d] = s
    rest = iter(i for i in range(ndim) if i not in src)
    return permute(x, *[o if o >= 0 else next(rest) for o in order])


def tile(x, dims) -> Tensor:
    """repeat, with missing leading repeats taken as 1 (numpy's tile)."""
    x = tensor_of(x)
    dims = (dims,) if isinstance(dims, int) else tuple(dims)
    return repeat(x, (1,) * (x._data.ndim - len(dims)) + dims)


def repeat_interleave(x, repeats=None, dim: int | None = None, *, output_size=None) -> Tensor:
    """Each element (or slice along `dim`) repeated `repeats` times, in place: [a, a, b, b].

    With only an integer tensor, the indices 0, 1, ... repeated by its counts."""
    x = tensor_of(x)
    if repeats is None:
        counts = x._data.reshape(-1)
        return wrap(np.repeat(np.arange(counts.size, dtype=np.int64), counts))
    if dim is None:
        x, dim = flatten(x), 0
    dim = _wrap_dim(dim, x._data.ndim)
    if hasattr(repeats, "_data") and repeats._data.size != 1:
        counts = repeats._data.reshape(-1)
        if counts.size != x._data.shape[dim]:
            raise RuntimeError(
                f"repeats must have the same size as input along dim, but got repeats.size(0) = "
                f"{counts.size} and input.size({dim}) = {x._data.shape[dim]}")
        idx = np.repeat(np.arange(counts.size, dtype=np.int64), counts)
        return index_select(x, dim, wrap(idx))
    r = int(repeats)
    shape = x._data.shape
    wide = expand(unsqueeze(x, dim + 1), shape[:dim + 1] + (r,) + shape[dim + 1:])
    return reshape(wide, shape[:dim] + (shape[dim] * r,) + shape[dim + 1:])


def nanmean(x, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """The mean of the non-nan elements: torch's nansum / count of non-nan (DivBackward0)."""
    x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        from engine.ops.reduce import _legacy_name

        raise RuntimeError("nanmean(): expected input to have floating point or complex dtype "
                           f"but got {_legacy_name(d.dtype)}")
    count = _sum(wrap(~np.isnan(d)), dim, keepdim)
    return div(nansum(x, dim, keepdim, dtype=dtype), count)
