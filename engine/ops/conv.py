"""Convolution and pooling: conv1d/conv2d, max/avg pooling, adaptive pooling, dropout2d.

Forwards run in numpy on strided window views (`sliding_window_view`, no copy until the
contraction), in the input's dtype: float32 stays float32, as in torch's CPU kernels (values
then agree to float32 rounding; the summation order of the matrix products differs).
Backward rules are written with Tensor operations, so they are differentiable themselves:
the window extraction (`_im2col`, torch's unfold) and its adjoint (`_col2im`, torch's fold)
are recorded ops whose backward rules are each other.

Where torch composes, so does this module, so `grad_fn` chains print as torch's do: 1-d
pooling is 2-d pooling of `input.unsqueeze(-2)` (SqueezeBackward1), unbatched convolution
runs on `input.unsqueeze(0)`, adaptive average pooling to 1x1 is a mean (MeanBackward1).
"""
from __future__ import annotations

import itertools
import math
import warnings
from typing import Optional, Sequence, Union

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from engine.autograd.node import Node
from engine.ops._core import Tensor, record, wrap
from engine.tensor import _C_TYPE_NAMES as _C_NAMES, _SCALAR_TYPE_NAMES as _SCALAR_NAMES
from engine.warn_once import warn_once

_IntOrTuple = Union[int, Sequence[int]]

_SAME_EVEN_WARNING = (
    "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded "
    "copy of the input be created (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/Convolution.cpp:1101.)"
)


# ---------------------------------------------------------------------------------------------
# Window geometry shared by convolution and pooling
# ---------------------------------------------------------------------------------------------
# A geometry is (spatial input shape, kernel, stride, dilation, pads, output shape), one entry
# per spatial axis; pads are (before, after) pairs. The spatial axes are the trailing ones.

def _pad(d: np.ndarray, pads: tuple, value: float) -> np.ndarray:
    if not any(lo or hi for lo, hi in pads):
        return d
    widths = [(0, 0)] * (d.ndim - len(pads)) + [tuple(p) for p in pads]
    return np.pad(d, widths, constant_values=value)


def _windows(padded: np.ndarray, kernel: tuple, stride: tuple, dilation: tuple,
             out: tuple) -> np.ndarray:
    """A view (..., *out, *kernel) of every window of the already padded trailing axes."""
    nd = len(kernel)
    extent = tuple(dl * (k - 1) + 1 for k, dl in zip(kernel, dilation))
    axes = tuple(range(padded.ndim - nd, padded.ndim))
    v = sliding_window_view(padded, extent, axis=axes)
    index = ((Ellipsis,)
             + tuple(slice(0, s * (o - 1) + 1, s) for s, o in zip(stride, out))
             + tuple(slice(None, None, dl) for dl in dilation))
    return v[index]


class Im2ColBackward0(Node):
    def backward(self, g):
        return (_col2im(g, self.args),)


def _im2col(x: Tensor, geom: tuple) -> Tensor:
    """The (zero-padded) windows of x's trailing axes: shape (..., *out, *kernel)."""
    _, kernel, stride, dilation, pads, out = geom
    cols = _windows(_pad(x._data, pads, 0), kernel, stride, dilation, out)
    return record(Im2ColBackward0, cols, (x,), None, geom)


class Col2ImBackward0(Node):
    def backward(self, g):
        return (_im2col(g, self.args),)


def _col2im(cols: Tensor, geom: tuple) -> Tensor:
    """The adjoint of `_im2col`: every window element added back at its input position."""
    shape, kernel, stride, dilation, pads, out = geom
    nd = len(kernel)
    c = cols._data
    lead = c.shape[:c.ndim - 2 * nd]
    padded = np.zeros(lead + tuple(n + lo + hi for n, (lo, hi) in zip(shape, pads)), c.dtype)
    inner = (slice(None),) * nd
    for pos in itertools.product(*(range(k) for k in kernel)):
        dst = tuple(slice(p * dl, p * dl + s * (o - 1) + 1, s)
                    for p, dl, s, o in zip(pos, dilation, stride, out))
        padded[(Ellipsis,) + dst] += c[(Ellipsis,) + inner + pos]
    crop = tuple(slice(lo, lo + n) for n, (lo, _) in zip(shape, pads))
    return record(Col2ImBackward0, np.ascontiguousarray(padded[(Ellipsis,) + crop]), (cols,),
                  None, geom)


def _size_list(shape: Sequence[int]) -> str:
    return "[" + ", ".join(str(int(s)) for s in shape) + "]"


# ---------------------------------------------------------------------------------------------
# Convolution
# ---------------------------------------------------------------------------------------------
class ConvolutionBackward0(Node):
    """Gradients of a grouped, strided, dilated, padded convolution, as batched products of
    the output gradient with the input's windows (weight) and with the weight (input's
    windows, then folded back)."""

    def backward(self, g):
        x, w = self.saved
        geom, groups = self.args
        nxt = self._next
        _, kernel, _, _, _, out = geom
        nd = len(kernel)
        n, c, o = x.shape[0], x.shape[1], w.shape[0]
        cg, og = c // groups, o // groups
        rows, ksize = n * math.prod(out), cg * math.prod(kernel)
        # (N, O, *out) -> (groups, N * prod(out), O / groups)
        g2 = g.reshape((n, groups, og) + out).permute(
            (1, 0) + tuple(range(3, 3 + nd)) + (2,)).reshape(groups, rows, og)
        gx = gw = gb = None
        if nxt[0] is not None:
            gcols = g2.matmul(w.reshape(groups, og, ksize))  # (groups, rows, cg * prod(kernel))
            gcols = gcols.reshape((groups, n) + out + (cg,) + kernel).permute(
                (1, 0, 2 + nd) + tuple(range(2, 2 + nd)) + tuple(range(3 + nd, 3 + 2 * nd)))
            gx = _col2im(gcols.reshape((n, c) + out + kernel), geom)
        if nxt[1] is not None:
            cols = _im2col(x, geom).reshape((n, groups, cg) + out + kernel).permute(
                (1, 0) + tuple(range(3, 3 + nd)) + (2,) + tuple(range(3 + nd, 3 + 2 * nd)))
            gw = g2.transpose(1, 2).matmul(cols.reshape(groups, rows, ksize)).reshape(w.shape)
        if nxt[2] is not None:
            gb = g.sum((0,) + tuple(range(2, 2 + nd)))
        return gx, gw, gb


def check_weight_layout(x: np.ndarray, w: np.ndarray, groups: int) -> None:
    """The checks convolution and transposed convolution share, in torch's order and words."""
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    if x.ndim != w.ndim:
        raise RuntimeError(f"Expected {w.ndim}-dimensional input for {w.ndim}-dimensional weight "
                           f"{_size_list(w.shape)}, but got {x.ndim}-dimensional input of size "
                           f"{_size_list(x.shape)} instead")
    if w.shape[0] % groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be divisible by {groups} "
                           f"at dimension 0, but got weight of size [{_size_list(w.shape)}] "
                           "instead")


def _expand(name: str, value: _IntOrTuple, nd: int) -> tuple:
    """An int or a sequence of nd ints as a tuple, with torch's message otherwise."""
    if isinstance(value, (int, np.integer)):
        return (int(value),) * nd
    value = tuple(int(v) for v in value)
    if len(value) == 1:
        return value * nd
    if len(value) != nd:
        raise RuntimeError(f"expected {name} to be a single integer value or a list of {nd} "
                           f"values to match the convolution dimensions, but got "
                           f"{name}={list(value)}")
    return value


def _check_conv_dtypes(input: Tensor, weight: Tensor, bias: Optional[Tensor]) -> None:
    xt, wt = input._data.dtype, weight._data.dtype
    if bias is not None and bias._data.dtype != xt:  # PyTorch checks the bias first
        bt = bias._data.dtype
        raise RuntimeError(f"Input type ({_C_NAMES.get(xt.name, xt.name)}) and bias type "
                           f"({_C_NAMES.get(bt.name, bt.name)}) should be the same")
    if xt != wt:
        raise RuntimeError(f"expected scalar type {_SCALAR_NAMES.get(xt.name, xt.name)} but "
                           f"found {_SCALAR_NAMES.get(wt.name, wt.name)}")


def _convolution(input: Tensor, weight: Tensor, bias: Optional[Tensor], stride: _IntOrTuple,
                 padding: Union[str, _IntOrTuple], dilation: _IntOrTuple,
                 groups: int) -> Tensor:
    """Batched N-d convolution (cross-correlation, as torch): input (N, C, *S)."""
    x, w = input._data, weight._data
    nd = w.ndim - 2
    stride = _expand("stride", stride, nd)
    if not isinstance(padding, str):
        padding = _expand("padding", padding, nd)
    dilation = _expand("dilation", dilation, nd)
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if not isinstance(padding, str) and any(p < 0 for p in padding):
        raise RuntimeError("negative padding is not supported")
    if any(d <= 0 for d in dilation):
        raise RuntimeError(f"dilation should be greater than zero, but got {list(dilation)}")
    check_weight_layout(x, w, groups)
    if x.shape[1] != w.shape[1] * groups:
        raise RuntimeError(f"Given groups={groups}, weight of size {_size_list(w.shape)}, "
                           f"expected input{_size_list(x.shape)} to have {w.shape[1] * groups} "
                           f"channels, but got {x.shape[1]} channels instead")
    if bias is not None and (bias._data.ndim != 1 or bias._data.shape[0] != w.shape[0]):
        raise RuntimeError(f"Given weight of size {_size_list(w.shape)}, expected bias to be "
                           f"1-dimensional with {w.shape[0]} elements, but got bias of size "
                           f"{_size_list(bias.shape)} instead")
    kernel = tuple(int(k) for k in w.shape[2:])
    extent = tuple(dl * (k - 1) + 1 for k, dl in zip(kernel, dilation))
    if isinstance(padding, str):
        if padding == "valid":
            pads = ((0, 0),) * nd
        elif padding == "same":
            if any(s != 1 for s in stride):
                raise RuntimeError("padding='same' is not supported for strided convolutions")
            if any((e - 1) % 2 for e in extent):
                warn_once(_SAME_EVEN_WARNING, stacklevel=4)
            # torch puts the odd element of the total padding after the input
            pads = tuple(((e - 1) // 2, e - 1 - (e - 1) // 2) for e in extent)
        else:
            raise RuntimeError(f"Invalid padding string: '{padding}'")
    else:
        pads = tuple((p, p) for p in padding)
    spatial = tuple(int(s) for s in x.shape[2:])
    padded = tuple(n + lo + hi for n, (lo, hi) in zip(spatial, pads))
    if any(p < e for p, e in zip(padded, extent)):
        raise RuntimeError(f"Calculated padded input size per channel: "
                           f"({' x '.join(map(str, padded))}). Kernel size: "
                           f"({' x '.join(map(str, extent))}). Kernel size can't be greater than "
                           "actual input size")
    _check_conv_dtypes(input, weight, bias)  # torch checks the shapes first
    out = tuple((p - e) // s + 1 for p, e, s in zip(padded, extent, stride))
    geom = (spatial, kernel, stride, dilation, pads, out)
    cols = _windows(_pad(x, pads, 0), kernel, stride, dilation, out)  # (N, C, *out, *kernel)
    cg, og = w.shape[1], w.shape[0] // groups
    col_axes = [1] + list(range(2 + nd, 2 + 2 * nd))
    w_axes = [1] + list(range(2, 2 + nd))
    parts = [np.tensordot(cols[:, i * cg:(i + 1) * cg], w[i * og:(i + 1) * og],
                          axes=(col_axes, w_axes)) for i in range(groups)]
    res = parts[0] if groups == 1 else np.concatenate(parts, axis=-1)  # (N, *out, O)
    res = np.ascontiguousarray(np.moveaxis(res, -1, 1))
    if bias is not None:
        res += bias._data.reshape((-1,) + (1,) * nd)
    return record(ConvolutionBackward0, res, (input, weight, bias), (input, weight),
                  (geom, groups))


def _conv(name: str, nd: int, input: Tensor, weight: Tensor, bias: Optional[Tensor],
          stride: _IntOrTuple, padding: Union[str, _IntOrTuple], dilation: _IntOrTuple,
          groups: int) -> Tensor:
    dim = input.dim()
    if dim not in (nd + 1, nd + 2):
        raise RuntimeError(f"Expected {nd + 1}D (unbatched) or {nd + 2}D (batched) input to "
                           f"{name}, but got input of size: {_size_list(input.shape)}")
    if not isinstance(padding, str):
        padding = _expand("padding", padding, nd)
    args = (weight, bias, _expand("stride", stride, nd), padding,
            _expand("dilation", dilation, nd), groups)
    if dim == nd + 1:  # unbatched: torch adds the batch axis and removes it again
        return _convolution(input.unsqueeze(0), *args).squeeze(0)
    return _convolution(input, *args)


def conv1d(input: Tensor, weight: Tensor, bias: Optional[Tensor] = None,
           stride: _IntOrTuple = 1, padding: Union[str, _IntOrTuple] = 0,
           dilation: _IntOrTuple = 1, groups: int = 1) -> Tensor:
    """1-d cross-correlation of input (N, C, L) or (C, L) with weight (O, C/groups, K)."""
    return _conv("conv1d", 1, input, weight, bias, stride, padding, dilation, groups)


def conv2d(input: Tensor, weight: Tensor, bias: Optional[Tensor] = None,
           stride: _IntOrTuple = 1, padding: Union[str, _IntOrTuple] = 0,
           dilation: _IntOrTuple = 1, groups: int = 1) -> Tensor:
    """2-d cross-correlation of input (N, C, H, W) or (C, H, W) with weight
    (O, C/groups, kH, kW)."""
    return _conv("conv2d", 2, input, weight, bias, stride, padding, dilation, groups)


# ---------------------------------------------------------------------------------------------
# Pooling
# ---------------------------------------------------------------------------------------------
def _pool_arg(fn: str, name: str, value, default=None) -> tuple:
    """torch's max_pool2d/avg_pool2d argument parsing: an int or a tuple of one or two ints."""
    if value is None or (default is not None and isinstance(value, (tuple, list)) and not value):
        value = default
    if isinstance(value, (int, np.integer)):
        return (int(value),) * 2
    value = tuple(int(v) for v in value)
    if len(value) not in (1, 2):
        what = {"kernel_size": "must either be a single int, or a tuple of two ints",
                "stride": "must either be omitted, a single int, or a tuple of two ints",
                "padding": "must either be a single int, or a tuple of two ints",
                "dilation": "must be either a single int, or a tuple of two ints"}[name]
        raise RuntimeError(f"{fn}: {name} {what}")
    return value * 2 if len(value) == 1 else value


def _pool_out(n: int, k: int, pad: int, stride: int, dilation: int, ceil_mode: bool) -> int:
    """torch's pooling_output_shape, with its checks."""
    if stride == 0:
        raise RuntimeError("stride should not be zero")
    if pad < 0:
        raise RuntimeError(f"pad must be non-negative, but got pad: {pad}")
    if pad > (dilation * (k - 1) + 1) // 2:
        raise RuntimeError(f"pad should be at most half of effective kernel size, but got "
                           f"pad={pad}, kernel_size={k} and dilation={dilation}")
    out = (n + 2 * pad - dilation * (k - 1) - 1 + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (out - 1) * stride >= n + pad:
        out -= 1  # the last window must start inside the input or its left padding
    return out


def _pool_geometry(input: Tensor, kernel: tuple, stride: tuple, padding: tuple,
                   dilation: tuple, ceil_mode: bool) -> tuple:
    """Output size and checks of 2-d pooling over the last two axes; the after-padding grows
    so the ceil_mode windows exist."""
    x = input._data
    spatial = tuple(int(s) for s in x.shape[-2:])
    out = tuple(_pool_out(n, k, p, s, dl, ceil_mode)
                for n, k, p, s, dl in zip(spatial, kernel, padding, stride, dilation))
    if any(k <= 0 for k in kernel):
        raise RuntimeError(f"kernel size should be greater than zero, but got kH: {kernel[0]} "
                           f"kW: {kernel[1]}")
    if any(s <= 0 for s in stride):
        raise RuntimeError(f"stride should be greater than zero, but got dH: {stride[0]} "
                           f"dW: {stride[1]}")
    if any(d <= 0 for d in dilation):
        raise RuntimeError(f"dilation should be greater than zero, but got dilationH: "
                           f"{dilation[0]} dilationW: {dilation[1]}")
    if out[0] < 1 or out[1] < 1:
        planes = int(x.shape[-3])
        raise RuntimeError(f"Given input size: ({planes}x{spatial[0]}x{spatial[1]}). Calculated "
                           f"output size: ({planes}x{out[0]}x{out[1]}). Output size is too small")
    pads = tuple((p, max(p, (o - 1) * s + dl * (k - 1) + 1 - n - p))
                 for n, k, p, s, dl, o in zip(spatial, kernel, padding, stride, dilation, out))
    return (spatial, kernel, stride, dilation, pads, out)


def _lowest(dtype: np.dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _scatter_to_input(g: Tensor, indices: np.ndarray, spatial: tuple) -> Tensor:
    """Each output gradient added at its flat input index (max pooling's backward)."""
    from engine.creation import zeros

    lead = tuple(g.shape[:-2])
    plane = spatial[0] * spatial[1]
    base = zeros(lead + (plane,), dtype=g.dtype)
    flat = lead + (int(np.prod(g.shape[-2:])),)
    return base.scatter_add(-1, wrap(indices.reshape(flat)), g.reshape(flat)).reshape(
        lead + spatial)


class MaxPool2DWithIndicesBackward0(Node):
    def backward(self, g):
        indices, spatial = self.args
        return (_scatter_to_input(g, indices, spatial),)


def _check_pool2d_dims(input: Tensor, fn: str) -> None:
    if input.dim() not in (3, 4):
        if fn == "max_pool2d" or input.dim() > 4:
            raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input"
                               if fn == "max_pool2d" else
                               "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch "
                               f"size for input, but got:{_size_list(input.shape)}")
        n = input.dim()  # avg_pool2d reads size(-3) first
        raise IndexError(f"Dimension out of range (expected to be in range of [{-max(n, 1)}, "
                         f"{max(n, 1) - 1}], but got -3)")


def max_pool2d(input: Tensor, kernel_size: _IntOrTuple, stride: Optional[_IntOrTuple] = None,
               padding: _IntOrTuple = 0, dilation: _IntOrTuple = 1, ceil_mode: bool = False,
               return_indices: bool = False):
    """Maximum over each window of the last two axes of a (N, C, H, W) or (C, H, W) input; with
    return_indices also the flat H*W index of each maximum (the first one on ties, NaN wins)."""
    fn = "max_pool2d"
    kernel = _pool_arg(fn, "kernel_size", kernel_size)
    stride = _pool_arg(fn, "stride", stride, kernel)
    padding = _pool_arg(fn, "padding", padding)
    dilation = _pool_arg(fn, "dilation", dilation)
    _check_pool2d_dims(input, fn)
    geom = _pool_geometry(input, kernel, stride, padding, dilation, ceil_mode)
    spatial, _, _, _, pads, out = geom
    x = input._data
    win = _windows(_pad(x, pads, _lowest(x.dtype)), kernel, stride, dilation, out)
    flat = win.reshape(win.shape[:-2] + (kernel[0] * kernel[1],))
    arg = flat.argmax(-1)
    values = np.take_along_axis(flat, arg[..., None], -1)[..., 0]
    ki, kj = np.divmod(arg, kernel[1])
    rows = np.arange(out[0])[:, None] * stride[0] - padding[0] + ki * dilation[0]
    cols = np.arange(out[1])[None, :] * stride[1] - padding[1] + kj * dilation[1]
    indices = (rows * spatial[1] + cols).astype(np.int64)
    res = record(MaxPool2DWithIndicesBackward0, np.ascontiguousarray(values), (input,), None,
                 (indices, spatial))
    return (res, wrap(indices)) if return_indices else res


def _avg_divisor(geom: tuple, padding: tuple, count_include_pad: bool) -> np.ndarray:
    """The (oH, oW) divisors of avg pooling: window sizes clipped to the padded input (or to
    the input itself with count_include_pad=False), as torch's kernel counts them."""
    spatial, kernel, stride, _, _, out = geom
    sizes = []
    for n, k, s, p, o in zip(spatial, kernel, stride, padding, out):
        start = np.arange(o) * s - p
        end = np.minimum(start + k, n + p)
        if count_include_pad:
            sizes.append(end - start)
        else:
            sizes.append(np.minimum(end, n) - np.maximum(start, 0))
    return np.outer(sizes[0], sizes[1])


class AvgPool2DBackward0(Node):
    def backward(self, g):
        geom, divisor = self.args
        kernel = geom[1]
        share = g / wrap(divisor.astype(g._data.dtype))
        cols = share.reshape(tuple(share.shape) + (1, 1)).expand(tuple(share.shape) + kernel)
        return (_col2im(cols, geom),)


def avg_pool2d(input: Tensor, kernel_size: _IntOrTuple, stride: Optional[_IntOrTuple] = None,
               padding: _IntOrTuple = 0, ceil_mode: bool = False,
               count_include_pad: bool = True, divisor_override: Optional[int] = None) -> Tensor:
    """Mean over each window of the last two axes of a (N, C, H, W) or (C, H, W) input."""
    fn = "avg_pool2d"
    kernel = _pool_arg(fn, "kernel_size", kernel_size)
    stride = _pool_arg(fn, "stride", stride, kernel)
    padding = _pool_arg(fn, "padding", padding)
    _check_pool2d_dims(input, fn)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    geom = _pool_geometry(input, kernel, stride, padding, (1, 1), ceil_mode)
    _, _, _, _, pads, out = geom
    x = input._data
    sums = _windows(_pad(x, pads, 0), kernel, stride, (1, 1), out).sum((-2, -1), dtype=x.dtype)
    if divisor_override is not None:
        divisor = np.full(out, int(divisor_override))
    else:
        divisor = _avg_divisor(geom, padding, count_include_pad)
    if x.dtype.kind == "f":
        res = sums / divisor.astype(x.dtype)
    else:  # integer division truncates, as in torch's integer kernel
        res = (np.sign(sums) * (np.abs(sums) // divisor)).astype(x.dtype)
    return record(AvgPool2DBackward0, np.ascontiguousarray(res), (input,), None, (geom, divisor))


def _pool1d_dims(input: Tensor, fn: str) -> None:
    if input.dim() not in (2, 3):
        raise RuntimeError(f"Expected 2 to 3 dimensions, but got {input.dim()}-dimensional "
                           f"tensor for argument #1 'self' (while checking arguments for {fn})")


def _one(fn: str, name: str, value, default=None) -> int:
    """A 1-d pooling argument: an int or a tuple of one int."""
    if value is None or (isinstance(value, (tuple, list)) and not value and default is not None):
        value = default
    if isinstance(value, (int, np.integer)):
        return int(value)
    value = tuple(value)
    if len(value) != 1:
        raise RuntimeError(f"{fn}() argument '{name}' should contain one int "
                           f"(got {len(value)})")
    return int(value[0])


def max_pool1d(input: Tensor, kernel_size: _IntOrTuple, stride: Optional[_IntOrTuple] = None,
               padding: _IntOrTuple = 0, dilation: _IntOrTuple = 1, ceil_mode: bool = False,
               return_indices: bool = False):
    """Maximum over windows of the last axis of (N, C, L) or (C, L): 2-d pooling of the input
    with a unit axis added (as torch records it)."""
    fn = "max_pool1d"
    if not return_indices and isinstance(kernel_size, (tuple, list)) and len(kernel_size) != 1:
        raise RuntimeError(f"max_pool1d() kernel_size must be an int, list of ints or tuple of "
                           f"ints of size 1 but got size {len(kernel_size)}")
    k = _one(fn, "kernel_size", kernel_size)
    s = _one(fn, "stride", stride, k)
    p = _one(fn, "padding", padding)
    d = _one(fn, "dilation", dilation)
    if return_indices:
        _pool1d_dims(input, fn)
    else:  # torch's dedicated max_pool1d checks
        if input.dim() not in (2, 3):
            raise RuntimeError(f"max_pool1d: Expected 2D or 3D (batch mode) tensor with optional "
                               f"0 dim batch size for input, but got:{_size_list(input.shape)}")
        if k <= 0:
            raise RuntimeError(f"max_pool1d() kernel_size must be greater than zero, but got {k}")
        if s <= 0:
            raise RuntimeError(f"max_pool1d() stride must be greater than zero, but got {s}")
        if p < 0:
            raise RuntimeError(f"max_pool1d() padding must be non-negative, but got {p}")
        if p > k // 2:
            raise RuntimeError(f"max_pool1d() padding should be at most half of kernel size, but "
                               f"got padding={p} and kernel_size={k}")
        if d <= 0:
            raise RuntimeError(f"max_pool1d() dilation must be greater than zero, but got {d}")
        n = int(input.shape[-1])
        if _pool_out(n, k, p, s, d, ceil_mode) < 1:
            raise RuntimeError(f"max_pool1d() Invalid computed output size: "
                               f"{_pool_out(n, k, p, s, d, ceil_mode)}")
    res = max_pool2d(input.unsqueeze(-2), (1, k), (1, s), (0, p), (1, d), ceil_mode, True)
    values, indices = res[0].squeeze(-2), res[1].squeeze(-2)
    return (values, indices) if return_indices else values


def avg_pool1d(input: Tensor, kernel_size: _IntOrTuple, stride: Optional[_IntOrTuple] = None,
               padding: _IntOrTuple = 0, ceil_mode: bool = False,
               count_include_pad: bool = True) -> Tensor:
    """Mean over windows of the last axis of (N, C, L) or (C, L) (2-d pooling of a unit axis)."""
    fn = "avg_pool1d"
    _pool1d_dims(input, fn)
    k = _one(fn, "kernel_size", kernel_size)
    s = _one(fn, "stride", stride, k)
    p = _one(fn, "padding", padding)
    return avg_pool2d(input.unsqueeze(-2), (1, k), (1, s), (0, p), ceil_mode,
                      count_include_pad).squeeze(-2)


# ---------------------------------------------------------------------------------------------
# Adaptive pooling
# ---------------------------------------------------------------------------------------------
def _adaptive_sizes(fn: str, input: Tensor, output_size) -> tuple:
    if isinstance(output_size, (int, np.integer)) or output_size is None:
        output_size = (output_size, output_size)
    output_size = tuple(output_size)
    if len(output_size) != 2:
        raise RuntimeError(f"{fn}: output_size must be 2")
    spatial = tuple(int(s) for s in input.shape[-2:])
    out = tuple(n if o is None else int(o) for o, n in zip(output_size, spatial))
    if any(o < 0 for o in out):
        raise RuntimeError(f"{fn}: elements of output_size must be greater than or equal to 0 "
                           f"but received {{{out[0]}, {out[1]}}}")
    for i in range(1, input.dim()):
        if input.shape[i] == 0:
            raise RuntimeError(f"{fn}(): Expected input to have non-zero size for non-batch "
                               f"dimensions, but input has sizes {_size_list(input.shape)} with "
                               f"dimension {i} being empty")
    return spatial, out


def _bins(n: int, o: int) -> list:
    """torch's adaptive windows: [floor(i*n/o), ceil((i+1)*n/o)) for each output i."""
    return [(i * n // o, -(-(i + 1) * n // o)) for i in range(o)]


class AdaptiveAvgPool2DBackward0(Node):
    def backward(self, g):
        rows, cols = self.args  # (oH, H) and (oW, W) averaging matrices
        dt = g._data.dtype
        return (wrap(rows.T.astype(dt)).matmul(g).matmul(wrap(cols.astype(dt))),)


def _averaging(bins: list, n: int) -> np.ndarray:
    m = np.zeros((len(bins), n))
    for i, (lo, hi) in enumerate(bins):
        m[i, lo:hi] = 1.0 / (hi - lo)
    return m


def adaptive_avg_pool2d(input: Tensor, output_size) -> Tensor:
    """Mean over torch's adaptive windows, giving an output of `output_size` (None keeps an
    axis); 1x1 is computed by torch as a mean over the last two axes, and so here."""
    fn = "adaptive_avg_pool2d"
    if input.dim() not in (3, 4):
        raise RuntimeError(f"{fn}(): Expected 3D or 4D tensor, but got {_size_list(input.shape)}")
    if input._data.dtype.kind != "f":
        raise NotImplementedError(f'"{fn}" not implemented for '
                                  f"'{_SCALAR_NAMES.get(input._data.dtype.name)}'")
    spatial, out = _adaptive_sizes(fn, input, output_size)
    if out == (1, 1):
        return input.mean((-1, -2), keepdim=True)
    x = input._data
    hb, wb = _bins(spatial[0], out[0]), _bins(spatial[1], out[1])
    res = np.empty(x.shape[:-2] + out, dtype=x.dtype)
    for i, (h0, h1) in enumerate(hb):
        for j, (w0, w1) in enumerate(wb):
            count = x.dtype.type((h1 - h0) * (w1 - w0))
            res[..., i, j] = x[..., h0:h1, w0:w1].sum((-2, -1)) / count
    return record(AdaptiveAvgPool2DBackward0, res, (input,), None,
                  (_averaging(hb, spatial[0]), _averaging(wb, spatial[1])))


def adaptive_avg_pool1d(input: Tensor, output_size) -> Tensor:
    """Adaptive average pooling of the last axis of (N, C, L) or (C, L)."""
    fn = "adaptive_avg_pool1d"
    _pool1d_dims(input, fn)
    o = _one(fn, "output_size", output_size)
    return adaptive_avg_pool2d(input.unsqueeze(-2), (1, o)).squeeze(-2)


class AdaptiveMaxPool2DBackward0(Node):
    def backward(self, g):
        indices, spatial = self.args
        return (_scatter_to_input(g, indices, spatial),)


def adaptive_max_pool2d(input: Tensor, output_size, return_indices: bool = False):
    """Maximum over torch's adaptive windows (flat H*W indices with return_indices)."""
    fn = "adaptive_max_pool2d"
    if input.dim() not in (3, 4):
        raise RuntimeError(f"{fn}(): Expected 3D or 4D tensor, but got: "
                           f"{_size_list(input.shape)}")
    spatial, out = _adaptive_sizes(fn, input, output_size)
    x = input._data
    values = np.empty(x.shape[:-2] + out, dtype=x.dtype)
    indices = np.empty(x.shape[:-2] + out, dtype=np.int64)
    for i, (h0, h1) in enumerate(_bins(spatial[0], out[0])):
        for j, (w0, w1) in enumerate(_bins(spatial[1], out[1])):
            window = x[..., h0:h1, w0:w1].reshape(x.shape[:-2] + ((h1 - h0) * (w1 - w0),))
            arg = window.argmax(-1)
            values[..., i, j] = np.take_along_axis(window, arg[..., None], -1)[..., 0]
            r, c = np.divmod(arg, w1 - w0)
            indices[..., i, j] = (h0 + r) * spatial[1] + w0 + c
    res = record(AdaptiveMaxPool2DBackward0, values, (input,), None, (indices, spatial))
    return (res, wrap(indices)) if return_indices else res


def adaptive_max_pool1d(input: Tensor, output_size, return_indices: bool = False):
    """Adaptive max pooling of the last axis of (N, C, L) or (C, L)."""
    fn = "adaptive_max_pool1d"
    _pool1d_dims(input, fn)
    o = _one(fn, "output_size", output_size)
    values, indices = adaptive_max_pool2d(input.unsqueeze(-2), (1, o), True)
    values, indices = values.squeeze(-2), indices.squeeze(-2)
    return (values, indices) if return_indices else values


# ---------------------------------------------------------------------------------------------
# Channel dropout
# ---------------------------------------------------------------------------------------------
def dropout2d(input: Tensor, p: float = 0.5, training: bool = True,
              inplace: bool = False) -> Tensor:
    """Zero whole channels (input[n, c]) with probability p, scaling the rest by 1/(1-p) (a Mul,
    as torch's feature_dropout, whose (N, C, 1, 1) mask is drawn with `bernoulli_(1 - p)`)."""
    from engine.random import bernoulli_array

    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    dim = input.dim()
    if dim not in (3, 4):
        warnings.warn(
            f"dropout2d: Received a {dim}-D input to dropout2d, which is deprecated "
            "and will result in an error in a future release. To retain the behavior "
            "and silence this warning, please use dropout instead. Note that dropout2d "
            "exists to provide channel-wise dropout on inputs with 2 spatial dimensions, "
            "a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).",
            UserWarning, stacklevel=2)
    if dim == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise "
            "1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C "
            "is the channel dim. This behavior will change in a future release to interpret the "
            "input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D "
            "channel-wise dropout behavior, please switch to using dropout1d instead.",
            UserWarning, stacklevel=2)
    if not training or p == 0.0:
        return input
    dtype = input._data.dtype
    mask_shape = tuple(input.shape[:2]) + (1,) * (dim - 2)
    if p == 1.0:
        return input * wrap(np.zeros(mask_shape, dtype=dtype))
    keep = bernoulli_array(mask_shape, 1.0 - p)
    return input * wrap(keep.astype(dtype) / dtype.type(1.0 - p))
