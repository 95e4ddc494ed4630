"""Non-constant padding (reflect, replicate, circular) and the padding modules.

Reflect and replicate pads read every output element from one input element, so the forward is
a gather along each padded dim and the backward adds the gradient back at the read places; as in
torch, that backward is a node of its own (`ReflectionPad1DBackwardBackward0`) whose gradient is
the same pad again. Circular padding is composed by torch of slice copies into a new tensor
(its grad_fn is CopySlices), and so it is composed here.
"""
from __future__ import annotations

from typing import Sequence, Union

import numpy as np

from .. import Tensor, empty
from ..autograd.node import Node
from ..tensor import record
from . import functional as F
from .module import Module

_NON_CONSTANT_SIZES = (
    "Supported combinations for non-constant padding:\n"
    "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
    "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
    "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)"
)
_SIDE_NAMES = ("W", "H", "D")


def _sources(n: int, lo: int, hi: int, mode: str) -> np.ndarray:
    """For each output position along one dim, the input position it copies."""
    j = np.arange(-lo, n + hi)
    if mode == "replicate":
        return np.clip(j, 0, n - 1)
    period = 2 * (n - 1)
    j = np.abs(j) % period if period else np.zeros_like(j)
    return np.where(j < n, j, period - j)


def _gather(data: np.ndarray, maps: tuple) -> np.ndarray:
    for dim, src in maps:
        data = np.take(data, src, axis=dim)
    return data


def _scatter(g: np.ndarray, maps: tuple, shape: tuple) -> np.ndarray:
    """The adjoint of `_gather`: adds each output's value into the input place it was read from,
    in the output's order, as torch's backward kernel does (so float sums round alike)."""
    lead = g.ndim - len(maps)
    sources = [src for _, src in reversed(maps)]
    places = np.ravel_multi_index(np.ix_(*sources), shape[lead:])
    # spatial places first: np.add.at adds the rows in index order, output position by position
    z = np.zeros((int(np.prod(shape[lead:])),) + shape[:lead], dtype=g.dtype)
    np.add.at(z, places.reshape(-1), np.moveaxis(g.reshape(shape[:lead] + (-1,)), -1, 0))
    return np.moveaxis(z, 0, -1).reshape(shape)


class _PadNode(Node):
    def backward(self, g):
        maps, shape, back = self.args
        return (record(back, _scatter(g._data, maps, shape), (g,), None,
                       (maps, shape, type(self))),)


class _PadBackwardNode(Node):
    def backward(self, gg):
        maps, _, forward = self.args
        return (record(forward, _gather(gg._data, maps), (gg,), None,
                       (maps, gg._data.shape, type(self))),)


def _node_pair(kind: str, k: int) -> tuple:
    fwd = type(f"{kind}Pad{k}DBackward0", (_PadNode,), {"__module__": __name__})
    back = type(f"{kind}Pad{k}DBackwardBackward0", (_PadBackwardNode,), {"__module__": __name__})
    return fwd, back


_NODES = {(mode, k): _node_pair(kind, k) for mode, kind in
          (("reflect", "Reflection"), ("replicate", "Replication")) for k in (1, 2, 3)}


def _check_reflect(d: np.ndarray, pad: Sequence[int], k: int) -> None:
    for i in range(k):  # W, then H, then D, as torch checks them
        n, lo, hi = d.shape[d.ndim - 1 - i], pad[2 * i], pad[2 * i + 1]
        if lo >= n or hi >= n:
            raise RuntimeError(f"Argument #{4 + 2 * i}: Padding size should be less than the "
                               "corresponding input dimension, but got: padding "
                               f"({lo}, {hi}) at dimension {d.ndim - 1 - i} of input "
                               f"{list(d.shape)}")


def _gather_pad(input: Tensor, pad: Sequence[int], mode: str, k: int) -> Tensor:
    d = input._data
    spatial = d.shape[d.ndim - k:]
    if 0 in d.shape[d.ndim - k - 1:]:  # only the batch may be empty
        raise RuntimeError(f"Expected {k + 1}D or {k + 2}D (batch mode) tensor with possibly 0 "
                           "batch size and other non-zero dimensions for input, but got: "
                           f"{list(d.shape)}")
    if mode == "reflect":
        _check_reflect(d, pad, k)
    sizes = [spatial[k - 1 - i] + pad[2 * i] + pad[2 * i + 1] for i in range(k)]
    if min(sizes) < 1:
        given = ", ".join(f"{_SIDE_NAMES[i]}: {spatial[k - 1 - i]}" for i in reversed(range(k)))
        got = " ".join(f"{_SIDE_NAMES[i]}: {sizes[i]}" for i in reversed(range(k)))
        raise RuntimeError(f"input ({given}) is too small. Calculated output {got}")
    maps = tuple((d.ndim - 1 - i, _sources(d.shape[d.ndim - 1 - i], pad[2 * i], pad[2 * i + 1],
                                           mode)) for i in range(k))
    fwd, back = _NODES[(mode, k)]
    return record(fwd, _gather(d, maps), (input,), None, (maps, d.shape, back))


def _circular_pad(input: Tensor, pad: Sequence[int], k: int) -> Tensor:
    """torch's _pad_circular: the input copied into the middle of a new tensor, then each padded
    dim's borders copied from the other end of that tensor (corners are written twice)."""
    shape = list(input.shape)
    for i in range(k):
        dim = len(shape) - 1 - i
        lo, hi = pad[2 * i], pad[2 * i + 1]
        if lo > shape[dim] or hi > shape[dim]:
            raise RuntimeError("Padding value causes wrapping around more than once.")
        if shape[dim] + lo + hi <= 0:
            raise RuntimeError("Negative padding value is resulting in an empty dimension")
    out_shape = list(shape)
    out_index = [slice(None)] * len(shape)
    in_index = [slice(None)] * len(shape)
    for i in range(k):
        dim = len(shape) - 1 - i
        lo, hi = pad[2 * i], pad[2 * i + 1]
        out_shape[dim] = shape[dim] + lo + hi
        out_index[dim] = slice(max(lo, 0), out_shape[dim] - max(hi, 0))
        in_index[dim] = slice(max(-lo, 0), shape[dim] - max(-hi, 0))
    out = empty(out_shape, dtype=input.dtype)
    out[tuple(out_index)] = input[tuple(in_index)]
    for i in range(k):
        dim = len(shape) - 1 - i
        lo, hi, size = pad[2 * i], pad[2 * i + 1], out_shape[dim]
        if lo > 0:
            start = size - lo - max(hi, 0)
            out[(slice(None),) * dim + (slice(0, lo),)] = \
                out[(slice(None),) * dim + (slice(start, start + lo),)]
        if hi > 0:
            out[(slice(None),) * dim + (slice(size - hi, size),)] = \
                out[(slice(None),) * dim + (slice(max(lo, 0), max(lo, 0) + hi),)]
    return out


def pad_non_constant(input: Tensor, pad: Sequence[int], mode: str) -> Tensor:
    """F.pad for mode 'reflect', 'replicate' or 'circular' (`pad` already checked even)."""
    k = len(pad) // 2
    if k > 3 or input.dim() not in (k + 1, k + 2):
        raise NotImplementedError(f"Padding size {len(pad)} is not supported for "
                                  f"{input.dim()}D input tensor.\n{_NON_CONSTANT_SIZES}")
    pad = [int(p) for p in pad]
    if mode == "circular":
        return _circular_pad(input, pad, k)
    return _gather_pad(input, pad, mode, k)


# ---------------------------------------------------------------------------------------------
# Modules
# ---------------------------------------------------------------------------------------------
_Padding = Union[int, Sequence[int]]


def _expand(padding: _Padding, k: int) -> tuple:
    if isinstance(padding, int):
        return (padding,) * (2 * k)
    return tuple(padding)


class _ConstantPadNd(Module):
    _k = 1

    def __init__(self, padding: _Padding, value: float) -> None:
        super().__init__()
        self.padding = _expand(padding, self._k)
        self.value = value

    def forward(self, input: Tensor) -> Tensor:
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self) -> str:
        return f"padding={self.padding}, value={self.value}"


class ConstantPad1d(_ConstantPadNd):
    """Pads the last dim of (C, W) or (N, C, W) inputs with `value`."""


class ConstantPad2d(_ConstantPadNd):
    """Pads the last two dims of (C, H, W) or (N, C, H, W) inputs with `value`."""
    _k = 2


class ConstantPad3d(_ConstantPadNd):
    """Pads the last three dims of (C, D, H, W) or (N, C, D, H, W) inputs with `value`."""
    _k = 3


class _ZeroPad:
    """ConstantPadNd with value 0 (its repr leaves the value out)."""

    def __init__(self, padding: _Padding) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ZeroPad1d(_ZeroPad, ConstantPad1d):
    """Pads the last dim of (C, W) or (N, C, W) inputs with zeros."""


class ZeroPad2d(_ZeroPad, ConstantPad2d):
    """Pads the last two dims of (C, H, W) or (N, C, H, W) inputs with zeros."""


class ZeroPad3d(_ZeroPad, ConstantPad3d):
    """Pads the last three dims of (C, D, H, W) or (N, C, D, H, W) inputs with zeros."""


class _ModePadNd(Module):
    _k = 1
    _mode = "reflect"

    def __init__(self, padding: _Padding) -> None:
        super().__init__()
        self.padding = _expand(padding, self._k)

    def forward(self, input: Tensor) -> Tensor:
        return F.pad(input, self.padding, self._mode)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ReflectionPad1d(_ModePadNd):
    """Mirrors (C, W) or (N, C, W) inputs at their borders, without repeating the edge."""


class ReflectionPad2d(_ModePadNd):
    """Mirrors the last two dims of 3D or 4D inputs, without repeating the edge."""
    _k = 2


class ReflectionPad3d(_ModePadNd):
    """Mirrors the last three dims of 4D or 5D inputs, without repeating the edge."""
    _k = 3


class ReplicationPad1d(_ModePadNd):
    """Repeats the edge values of (C, W) or (N, C, W) inputs."""
    _mode = "replicate"


class ReplicationPad2d(_ModePadNd):
    """Repeats the edge values of the last two dims of 3D or 4D inputs."""
    _k, _mode = 2, "replicate"


class ReplicationPad3d(_ModePadNd):
    """Repeats the edge values of the last three dims of 4D or 5D inputs."""
    _k, _mode = 3, "replicate"


class CircularPad1d(_ModePadNd):
    """Wraps (C, W) or (N, C, W) inputs around: the left pad comes from the right end."""
    _mode = "circular"


class CircularPad2d(_ModePadNd):
    """Wraps the last two dims of 3D or 4D inputs around."""
    _k, _mode = 2, "circular"


class CircularPad3d(_ModePadNd):
    """Wraps the last three dims of 4D or 5D inputs around."""
    _k, _mode = 3, "circular"
