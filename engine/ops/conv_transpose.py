"""Transposed convolution: conv_transpose1d / conv_transpose2d.

A transposed convolution is the adjoint of a convolution with the same stride, padding and
dilation: every input element scatters its products with the kernel into a window of the
output (torch's "fractionally strided" convolution). The forward is therefore `_col2im` of
the products of the input with the weight, and the backward uses `_im2col` of the output
gradient, both from engine.ops.conv, so the rules are differentiable. Weight is
(in_channels, out_channels / groups, *kernel), as torch stores it. The node is torch's
ConvolutionBackward0, as for a convolution; unbatched inputs run on `input.unsqueeze(0)`.
"""
from __future__ import annotations

import math
from typing import Optional, Sequence, Union

import numpy as np

from engine.autograd.node import Node
from engine.ops._core import Tensor, record, wrap
from engine.ops.conv import _col2im, _expand, _im2col, _size_list, check_weight_layout
from engine.tensor import _SCALAR_TYPE_NAMES as _SCALAR_NAMES

_IntOrTuple = Union[int, Sequence[int]]


class ConvolutionBackward0(Node):
    """Gradients of a grouped, strided, dilated, padded transposed convolution: products of
    the output gradient's windows with the weight (input) and with the input (weight)."""

    def backward(self, g):
        x, w = self.saved
        geom, groups = self.args
        nxt = self._next
        _, kernel, _, _, _, spatial = geom
        nd = len(kernel)
        n, c = x.shape[0], x.shape[1]
        cg, og = c // groups, w.shape[1]
        rows, ksize = n * math.prod(spatial), og * math.prod(kernel)
        gx = gw = gb = None
        if nxt[0] is not None or nxt[1] is not None:
            # (N, O, *S, *K) -> (groups, N * prod(S), O / groups * prod(K))
            gcols = _im2col(g, geom).reshape((n, groups, og) + spatial + kernel).permute(
                (1, 0) + tuple(range(3, 3 + nd)) + (2,) + tuple(range(3 + nd, 3 + 2 * nd))
            ).reshape(groups, rows, ksize)
            if nxt[0] is not None:
                gx = gcols.matmul(w.reshape(groups, cg, ksize).transpose(1, 2))
                gx = gx.reshape((groups, n) + spatial + (cg,)).permute(
                    (1, 0, 2 + nd) + tuple(range(2, 2 + nd))).reshape((n, c) + spatial)
            if nxt[1] is not None:
                x2 = x.reshape((n, groups, cg) + spatial).permute(
                    (1, 0) + tuple(range(3, 3 + nd)) + (2,)).reshape(groups, rows, cg)
                gw = x2.transpose(1, 2).matmul(gcols).reshape(w.shape)
        if nxt[2] is not None:
            gb = g.sum((0,) + tuple(range(2, 2 + nd)))
        return gx, gw, gb


def _names(values: tuple, what: str, unit: int, sep: str = " ") -> str:
    """torch's (height, width) argument listing; its 1-d transposed convolution is a 2-d one of
    height 1, so a 1-d value is listed after the `unit` height value."""
    if len(values) == 1:
        values = (unit,) + tuple(values)
    return sep.join(f"{what}_{a}: {v}" for a, v in zip(("height", "width"), values))


def _conv_transpose(input: Tensor, weight: Tensor, bias: Optional[Tensor], stride: tuple,
                    padding: tuple, output_padding: tuple, groups: int,
                    dilation: tuple) -> Tensor:
    """Batched N-d transposed convolution of input (N, C_in, *S)."""
    x, w = input._data, weight._data
    nd = w.ndim - 2
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(p < 0 for p in padding):
        raise RuntimeError("negative padding is not supported")
    if any(d <= 0 for d in dilation):
        raise RuntimeError(f"dilation should be greater than zero, but got "
                           f"{_names(dilation, 'dilation', 1, ', ')}")
    check_weight_layout(x, w, groups)
    if x.shape[1] != w.shape[0]:
        raise RuntimeError(f"Given transposed=1, weight of size {_size_list(w.shape)}, expected "
                           f"input{_size_list(x.shape)} to have {w.shape[0]} channels, but got "
                           f"{x.shape[1]} channels instead")
    o = w.shape[1] * groups
    if bias is not None and (bias._data.ndim != 1 or bias._data.shape[0] != o):
        raise RuntimeError(f"Given transposed=1, weight of size {_size_list(w.shape)}, expected "
                           f"bias to be 1-dimensional with {o} elements, but got bias of size "
                           f"{_size_list(bias.shape)} instead")
    if any(op >= s and op >= d for op, s, d in zip(output_padding, stride, dilation)):
        raise RuntimeError("output padding must be smaller than either stride or dilation, but "
                           f"got {_names(output_padding, 'output_padding', 0)} "
                           f"{_names(stride, 'stride', 1)} {_names(dilation, 'dilation', 1)}")
    kernel = tuple(int(k) for k in w.shape[2:])
    spatial = tuple(int(s) for s in x.shape[2:])
    out = tuple((n - 1) * s - 2 * p + d * (k - 1) + op + 1 for n, s, p, d, k, op
                in zip(spatial, stride, padding, dilation, kernel, output_padding))
    if any(v < 1 for v in out):
        unit = (1,) if nd == 1 else ()  # torch's 1-d kernel is 2-d with height 1
        raise RuntimeError(f"Given input size per channel: "
                           f"({' x '.join(map(str, unit + spatial))}). Calculated output size "
                           f"per channel: ({' x '.join(map(str, unit + out))}). Output size is "
                           "too small")
    if x.dtype != w.dtype:
        raise RuntimeError(f"expected scalar type {_SCALAR_NAMES.get(x.dtype.name, x.dtype.name)}"
                           f" but found {_SCALAR_NAMES.get(w.dtype.name, w.dtype.name)}")
    # the geometry of the convolution this one is the adjoint of: windows of `out` give `spatial`
    geom = (out, kernel, stride, dilation, tuple((p, p) for p in padding), spatial)
    cg = w.shape[0] // groups
    parts = [np.tensordot(x[:, i * cg:(i + 1) * cg], w[i * cg:(i + 1) * cg], axes=([1], [0]))
             for i in range(groups)]  # each (N, *S, O / groups, *K)
    cols = parts[0] if groups == 1 else np.concatenate(parts, axis=1 + nd)
    cols = np.moveaxis(cols, 1 + nd, 1)  # (N, O, *S, *K)
    res = _col2im(wrap(np.ascontiguousarray(cols)), geom)._data
    if bias is not None:
        res += bias._data.astype(res.dtype).reshape((-1,) + (1,) * nd)  # torch casts it
    return record(ConvolutionBackward0, res, (input, weight, bias), (input, weight),
                  (geom, groups))


def _conv_transpose_nd(name: str, nd: int, input: Tensor, weight: Tensor,
                       bias: Optional[Tensor], stride: _IntOrTuple, padding: _IntOrTuple,
                       output_padding: _IntOrTuple, groups: int,
                       dilation: _IntOrTuple) -> Tensor:
    if isinstance(padding, str):
        raise TypeError(f"{name}(): argument 'padding' must be tuple of ints, not str")
    dim = input.dim()
    if dim not in (nd + 1, nd + 2):
        raise RuntimeError(f"Expected {nd + 1}D (unbatched) or {nd + 2}D (batched) input to "
                           f"{name}, but got input of size: {_size_list(input.shape)}")
    wd = weight.dim() - 2
    args = (weight, bias, _expand("stride", stride, wd), _expand("padding", padding, wd),
            _expand("output_padding", output_padding, wd), groups,
            _expand("dilation", dilation, wd))
    if dim == nd + 1:  # unbatched: torch adds the batch axis and removes it again
        return _conv_transpose(input.unsqueeze(0), *args).squeeze(0)
    return _conv_transpose(input, *args)


def conv_transpose1d(input: Tensor, weight: Tensor, bias: Optional[Tensor] = None,
                     stride: _IntOrTuple = 1, padding: _IntOrTuple = 0,
                     output_padding: _IntOrTuple = 0, groups: int = 1,
                     dilation: _IntOrTuple = 1) -> Tensor:
    """1-d transposed convolution of (N, C_in, L) or (C_in, L) with weight
    (C_in, C_out / groups, K): output length (L - 1) * stride - 2 * padding
    + dilation * (K - 1) + output_padding + 1."""
    return _conv_transpose_nd("conv_transpose1d", 1, input, weight, bias, stride, padding,
                              output_padding, groups, dilation)


def conv_transpose2d(input: Tensor, weight: Tensor, bias: Optional[Tensor] = None,
                     stride: _IntOrTuple = 1, padding: _IntOrTuple = 0,
                     output_padding: _IntOrTuple = 0, groups: int = 1,
                     dilation: _IntOrTuple = 1) -> Tensor:
    """2-d transposed convolution of (N, C_in, H, W) or (C_in, H, W) with weight
    (C_in, C_out / groups, kH, kW)."""
    return _conv_transpose_nd("conv_transpose2d", 2, input, weight, bias, stride, padding,
                              output_padding, groups, dilation)
