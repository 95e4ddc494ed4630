"""Upsampling: `F.interpolate` in modes nearest and nearest-exact (3-D and 4-D input), linear
(3-D), bilinear (4-D) and area (torch's adaptive average pooling), with torch's argument checks
and messages.

Source indices and weights follow ATen's CPU kernels (UpSample.h, UpSampleKernel.cpp), so values
match torch bit for bit: nearest takes floor(dst * scale) with a float32 scale (in / out, or
1 / scale_factor when one is given and not recomputed), with ATen's exact shortcuts for equal
and doubled sizes; linear modes take the source index scale * (dst + 0.5) - 0.5 clamped at 0
(scale * dst with align_corners=True), computed as the compiled kernels do with a fused
multiply-add and floored in float32 (ATen's floorf, also for float64), and combine the two
(four) neighbours in the order and with the fused multiply-adds of ATen's loops. Bilinear has
two CPU kernels: small outputs (height + width at most 128), and 3-channel images when torch
runs on one thread (`torch.get_num_threads()`, 1 in the engine unless set), go through the
channels-last kernel, whose whole 256-bit vectors of channels are computed in one order and
the remaining channels in another; the rest go through the separable generic kernel.

Every mode is linear in the input, and separable: the backward rules are products of the output
gradient with each axis' (output, input) interpolation matrix, so they are differentiable.
"""
from __future__ import annotations

import math
import numbers
import warnings
from typing import Optional, Sequence, Union

import numpy as np

from engine.autograd.node import Node
from engine.ops._core import Tensor, record, wrap
from engine.ops.conv import _size_list, adaptive_avg_pool1d, adaptive_avg_pool2d
from engine.ops.vector_math import fma as _fma32, fma64 as _fma64
from engine.runtime import get_num_threads
from engine.tensor import _SCALAR_TYPE_NAMES as _TYPE_NAMES

_Size = Union[int, Sequence[int], None]
_Scale = Union[float, Sequence[float], None]



def _fma(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """a * b + c rounded once, in a's floating dtype (the kernels are compiled with FMA)."""
    if a.dtype == np.float64:
        return _fma64(a, b, c)
    return _fma32(a, b, c)


# ---------------------------------------------------------------------------------------------
# Source indices and weights (ATen's UpSample.h)
# ---------------------------------------------------------------------------------------------
def _nearest_source(n_in: int, n_out: int, scale: Optional[float]) -> np.ndarray:
    """ATen's nearest_idx: the input index each output index copies."""
    dst = np.arange(n_out)
    if n_out == n_in:
        return dst
    if n_out == 2 * n_in:
        return dst >> 1
    if scale is not None and scale > 0:
        s = np.float32(1.0 / scale)
    else:
        s = np.float32(n_in) / np.float32(n_out)
    src = np.floor(dst.astype(np.float32) * s).astype(np.int64)
    return np.minimum(src, n_in - 1)


def _nearest_exact_source(n_in: int, n_out: int, scale: Optional[float], generic: bool,
                          dt: np.dtype) -> np.ndarray:
    """The input index each output index copies in mode nearest-exact: floor((dst + 0.5) *
    scale) with a float32 scale (ATen's nearest_exact_idx), or, in the generic kernel,
    floor(source index + 0.5) from the linear modes' source index in the input's dtype."""
    if not generic:
        s = np.float32(1.0 / scale) if scale is not None and scale > 0 else \
            np.float32(n_in) / np.float32(n_out)
        src = ((np.arange(n_out) + 0.5) * np.float64(s)).astype(np.float32)
        return np.minimum(np.floor(src).astype(np.int64), n_in - 1)
    t = dt.type
    s = t(1.0 / scale) if scale is not None and scale > 0 else t(n_in) / t(n_out)
    src = np.asarray(_fma(np.full(n_out, s, dt), np.arange(n_out).astype(dt) + t(0.5),
                          np.full(n_out, -0.5, dt)), dt)
    src = np.where(src < 0, t(0), src) + t(0.5)
    return np.minimum(np.floor(src.astype(np.float32)).astype(np.int64), n_in - 1)


def _linear_source(n_in: int, n_out: int, align_corners: bool, scale: Optional[float],
                   dt: np.dtype) -> tuple:
    """ATen's compute_source_index_and_lambda for every output index: the two neighbours
    (i0, i1) and their weights (l0, l1), in the input's dtype."""
    dst = np.arange(n_out)
    if n_out == n_in:  # ATen copies: weights exactly (1, 0)
        return dst, dst, np.ones(n_out, dt), np.zeros(n_out, dt)
    t = dt.type
    if align_corners:
        s = t(n_in - 1) / t(n_out - 1) if n_out > 1 else t(0)
        src = dst.astype(dt) * s
    else:
        s = t(1.0 / scale) if scale is not None and scale > 0 else t(n_in) / t(n_out)
        src = np.asarray(_fma(np.full(n_out, s, dt), dst.astype(dt) + t(0.5),
                              np.full(n_out, -0.5, dt)), dt)
        src = np.where(src < 0, t(0), src)
    # ATen floors with floorf, in float32 even for a double index
    i0 = np.minimum(np.floor(src.astype(np.float32)).astype(np.int64), n_in - 1)
    l1 = np.minimum(np.maximum(src - i0.astype(dt), t(0)), t(1))
    i1 = i0 + (i0 < n_in - 1)
    return i0, i1, t(1) - l1, l1


def _nearest_matrix(idx: np.ndarray, n_in: int) -> np.ndarray:
    m = np.zeros((len(idx), n_in))
    m[np.arange(len(idx)), idx] = 1.0
    return m


def _linear_matrix(source: tuple, n_in: int) -> np.ndarray:
    i0, i1, l0, l1 = source
    m = np.zeros((len(i0), n_in))
    rows = np.arange(len(i0))
    np.add.at(m, (rows, i0), l0.astype(np.float64))
    np.add.at(m, (rows, i1), l1.astype(np.float64))
    return m


def _along_last(g: Tensor, m: np.ndarray) -> Tensor:
    """The adjoint of interpolating the last axis with matrix m (out, in): g @ m."""
    return g.matmul(wrap(m.astype(g._data.dtype)))


def _along_second_last(g: Tensor, m: np.ndarray) -> Tensor:
    return wrap(np.ascontiguousarray(m.T.astype(g._data.dtype))).matmul(g)


# ---------------------------------------------------------------------------------------------
# Backward rules
# ---------------------------------------------------------------------------------------------
class UpsampleNearest1DBackward0(Node):
    def backward(self, g):
        (mw,) = self.args
        return (_along_last(g, mw),)


class UpsampleNearest2DBackward0(Node):
    def backward(self, g):
        mh, mw = self.args
        return (_along_second_last(_along_last(g, mw), mh),)


class UpsampleNearestExact1DBackward0(UpsampleNearest1DBackward0):
    pass


class UpsampleNearestExact2DBackward0(UpsampleNearest2DBackward0):
    pass


class UpsampleLinear1DBackward0(UpsampleNearest1DBackward0):
    pass


class UpsampleBilinear2DBackward0(UpsampleNearest2DBackward0):
    pass


# ---------------------------------------------------------------------------------------------
# Kernels
# ---------------------------------------------------------------------------------------------
def _check_sizes(input: Tensor, out: tuple) -> None:
    """ATen's upsample_{1,2}d_common_check."""
    spatial = tuple(int(s) for s in input.shape[2:])
    if any(s <= 0 for s in spatial) or any(o <= 0 for o in out):
        names = ("H", "W")[-len(out):]
        inp = ", ".join(f"{n}: {s}" for n, s in zip(names, spatial))
        outp = ", ".join(f"{n}: {o}" for n, o in zip(names, out))
        sep = " and" if len(out) == 1 else ""  # sic: only the 1-d message says "and"
        raise RuntimeError(f"Input and output sizes should be greater than 0, but got input "
                           f"({inp}){sep} output ({outp})")
    if any(s == 0 for s in input.shape[1:]):
        raise RuntimeError(f"Non-empty {input.dim()}D data tensor expected but got a tensor with "
                           f"sizes {_size_list(input.shape)}")


def _check_dtype(input: Tensor, kernel: str, allow_byte: bool) -> None:
    dt = input._data.dtype
    if dt.kind == "f" or (allow_byte and dt == np.uint8):
        return
    raise NotImplementedError(f'"{kernel}" not implemented for '
                              f"'{_TYPE_NAMES.get(dt.name, dt.name)}'")


def _upsample_nearest(input: Tensor, out: tuple, scales: tuple, exact: bool) -> Tensor:
    """Modes nearest and nearest-exact: copies of the source elements."""
    nd = len(out)
    _check_dtype(input, "compute_indices_weights_nearest" if nd == 1
                 else "upsample_nearest2d_channels_last", True)
    _check_sizes(input, out)
    spatial = tuple(int(s) for s in input.shape[2:])
    if exact:
        # 1-d always, 2-d for large outputs, runs ATen's generic kernel
        generic = nd == 1 or sum(out) > 128
        dt = input._data.dtype if input._data.dtype.kind == "f" else np.dtype(np.float32)
        idx = [_nearest_exact_source(n, o, s, generic, dt)
               for n, o, s in zip(spatial, out, scales)]
        nodes = (UpsampleNearestExact1DBackward0, UpsampleNearestExact2DBackward0)
    else:
        idx = [_nearest_source(n, o, s) for n, o, s in zip(spatial, out, scales)]
        nodes = (UpsampleNearest1DBackward0, UpsampleNearest2DBackward0)
    x = input._data
    mats = tuple(_nearest_matrix(i, n) for i, n in zip(idx, spatial))
    if nd == 1:
        return record(nodes[0], np.ascontiguousarray(x[..., idx[0]]), (input,), None, mats)
    res = np.ascontiguousarray(x[..., idx[0][:, None], idx[1]])
    return record(nodes[1], res, (input,), None, mats)


def _interp(x: np.ndarray, axis: int, source: tuple) -> np.ndarray:
    """One axis of the generic kernel: fma(x[i0], l0, x[i1] * l1)."""
    i0, i1, l0, l1 = source
    shape = [1] * x.ndim
    shape[axis] = -1
    l0, l1 = l0.reshape(shape), l1.reshape(shape)
    return np.asarray(_fma(np.take(x, i0, axis), l0, np.take(x, i1, axis) * l1), x.dtype)


def _bilinear_channels_last(x: np.ndarray, sh: tuple, sw: tuple) -> np.ndarray:
    """ATen's cpu_upsample_linear_channels_last: the four neighbours weighted by products of
    the two axes' weights; the channels that fill whole AVX2 vectors (8 float32, 4 float64)
    are summed in the vector loop's order, the rest in the scalar loop's."""
    h0, h1, lh0, lh1 = (v[:, None] for v in sh)
    w0, w1, lw0, lw1 = sw
    a, b = x[..., h0, w0], x[..., h0, w1]
    c, d = x[..., h1, w0], x[..., h1, w1]
    w00, w01, w10, w11 = lh0 * lw0, lh0 * lw1, lh1 * lw0, lh1 * lw1
    res = np.empty_like(a)
    vec = x.shape[1] - x.shape[1] % (32 // x.itemsize)
    sl = (slice(None), slice(None, vec))
    res[sl] = _fma(a[sl], w00, _fma(b[sl], w01, _fma(d[sl], w11, c[sl] * w10)))
    sl = (slice(None), slice(vec, None))
    res[sl] = _fma(d[sl], w11, _fma(c[sl], w10, _fma(a[sl], w00, b[sl] * w01)))
    return res


def _upsample_linear(input: Tensor, out: tuple, align_corners: bool, scales: tuple) -> Tensor:
    nd = len(out)
    if nd == 2 and input._data.dtype == np.uint8:
        raise NotImplementedError("interpolate: uint8 input in mode 'bilinear' (torch's "
                                  "integer-weight kernel) is not supported by the engine")
    _check_dtype(input, "compute_indices_weights_linear" if nd == 1
                 else "upsample_bilinear2d_channels_last", False)
    _check_sizes(input, out)
    x = input._data
    spatial = tuple(int(s) for s in input.shape[2:])
    sources = [_linear_source(n, o, align_corners, s, x.dtype)
               for n, o, s in zip(spatial, out, scales)]
    mats = tuple(_linear_matrix(src, n) for src, n in zip(sources, spatial))
    if nd == 1:
        return record(UpsampleLinear1DBackward0, _interp(x, -1, sources[0]), (input,), None,
                      mats)
    if sum(out) <= 128 or (x.shape[1] == 3 and get_num_threads() == 1):
        res = _bilinear_channels_last(x, *sources)
    else:
        res = _interp(_interp(x, -1, sources[1]), -2, sources[0])
    return record(UpsampleBilinear2DBackward0, np.ascontiguousarray(res), (input,), None, mats)


# ---------------------------------------------------------------------------------------------
# interpolate
# ---------------------------------------------------------------------------------------------
_MODES = "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact"


def _is_integer(x: object) -> bool:
    return isinstance(x, numbers.Integral) or (isinstance(x, Tensor) and x.dim() == 0
                                               and x._data.dtype.kind in "iu")


def interpolate(input: Tensor, size: _Size = None, scale_factor: _Scale = None,
                mode: str = "nearest", align_corners: Optional[bool] = None,
                recompute_scale_factor: Optional[bool] = None,
                antialias: bool = False) -> Tensor:
    """Resize the spatial axes of (N, C, L) or (N, C, H, W) to `size`, or by `scale_factor`
    (output size floor(in * scale_factor)), with torch's argument checks in torch's order."""
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError("align_corners option can only be set with the interpolating "
                             "modes: linear | bilinear | bicubic | trilinear")
    elif align_corners is None:
        align_corners = False
    dim = input.dim() - 2
    spatial = [int(s) for s in input.shape[2:]]
    scales: Optional[list] = None
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        if isinstance(size, (list, tuple)):
            if len(size) != dim:
                raise ValueError(
                    "Input and output must have the same number of spatial dimensions, but got "
                    f"input with spatial dimensions of {spatial} and output size of {size}. "
                    "Please provide input tensor in (N, C, d1, d2, ...,dK) format and output "
                    "size in (o1, o2, ...,oK) format.")
            if not all(_is_integer(s) for s in size):
                raise TypeError("expected size to be one of int or Tuple[int] or Tuple[int, int] "
                                "or Tuple[int, int, int], but got size with types "
                                f"{[type(s) for s in size]}")
            output_size = [int(s) for s in size]
        else:
            output_size = [int(size)] * dim
    elif scale_factor is not None:
        if isinstance(scale_factor, (list, tuple)):
            if len(scale_factor) != dim:
                raise ValueError(
                    "Input and scale_factor must have the same number of spatial dimensions, but "
                    f"got input with spatial dimensions of {spatial} and scale_factor of shape "
                    f"{scale_factor}. Please provide input tensor in (N, C, d1, d2, ...,dK) "
                    "format and scale_factor in (s1, s2, ...,sK) format.")
            scales = [float(s) for s in scale_factor]
        else:
            scales = [float(scale_factor)] * dim
        output_size = None
    else:
        raise ValueError("either size or scale_factor should be defined")
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if mode == "area" and output_size is None:
        recompute_scale_factor = True
    if recompute_scale_factor and scales is not None:
        # the sizes are computed here and the kernels infer the scales from them
        output_size = [int(n * s) for n, s in zip(spatial, scales)]
        scales = None
    if antialias and not (mode in ("bilinear", "bicubic", "lanczos") and input.dim() == 4):
        raise ValueError("Anti-alias option is restricted to bilinear, bicubic, and lanczos "
                         "modes and requires a 4-D tensor as input")
    if output_size is None:  # ATen's compute_output_size: floor(in * scale) in double
        output_size = [int(math.floor(n * s)) for n, s in zip(spatial, scales)]
    scale_args = tuple(scales) if scales is not None else (None,) * dim
    out = tuple(output_size)
    if mode in ("nearest", "nearest-exact") and dim in (1, 2):
        return _upsample_nearest(input, out, scale_args, mode == "nearest-exact")
    if mode == "area" and dim in (1, 2):
        pool = adaptive_avg_pool1d if dim == 1 else adaptive_avg_pool2d
        return pool(input, out[0] if dim == 1 else out)
    if (mode, dim) in (("linear", 1), ("bilinear", 2)):
        if antialias:
            raise NotImplementedError("interpolate: antialias=True is not supported by the "
                                      "engine")
        return _upsample_linear(input, out, align_corners, scale_args)
    wanted = {"linear": 3, "bilinear": 4, "trilinear": 5}
    if mode in wanted and input.dim() in (3, 4, 5):
        raise NotImplementedError(f"Got {input.dim()}D input, but {mode} mode needs "
                                  f"{wanted[mode]}D input")
    if input.dim() in (3, 4, 5) and mode in ("nearest", "bicubic", "lanczos", "area",
                                             "nearest-exact"):
        raise NotImplementedError(f"interpolate: mode='{mode}' on a {input.dim()}D input is not "
                                  "supported by the engine (nearest, nearest-exact, linear, "
                                  "bilinear and area on 3D/4D inputs are)")
    raise NotImplementedError(f"Input Error: Only 3D, 4D and 5D input Tensors supported (got "
                              f"{input.dim()}D) for the modes: {_MODES} (got {mode})")


def upsample(input: Tensor, size: _Size = None, scale_factor: _Scale = None,
             mode: str = "nearest", align_corners: Optional[bool] = None) -> Tensor:
    """Deprecated alias of interpolate (torch warns)."""
    warnings.warn("`nn.functional.upsample` is deprecated. Use `nn.functional.interpolate` "
                  "instead.", stacklevel=2)
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input: Tensor, size: _Size = None, scale_factor: _Scale = None) -> Tensor:
    """Deprecated: interpolate in mode nearest (torch warns)."""
    warnings.warn("`nn.functional.upsample_nearest` is deprecated. Use "
                  "`nn.functional.interpolate` instead.", stacklevel=2)
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input: Tensor, size: _Size = None, scale_factor: _Scale = None) -> Tensor:
    """Deprecated: interpolate in mode bilinear with align_corners=True (torch warns)."""
    warnings.warn("`nn.functional.upsample_bilinear` is deprecated. Use "
                  "`nn.functional.interpolate` instead.", stacklevel=2)
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)
