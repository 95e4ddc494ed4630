"""`torch.nn.functional` for the engine.

Where PyTorch has a fused kernel (celu, softmax, mse_loss, nll_loss...), so does this module: one
graph node named as torch names it (`CeluBackward0`), its forward next to its backward rule.
Forwards are computed in float64 and rounded once to the input's dtype (stable forms: max-shifted
softmax, log-sum-exp, log1p/expm1), which reproduces PyTorch's float32 results to the printed
digits. Backward rules are written with Tensor operations, so with `create_graph=True` they are
differentiable themselves; the engine reduces broadcast gradients to each input's shape.
Where PyTorch composes ops (l1_loss, cross_entropy), this module composes the same ops.
"""
from __future__ import annotations

import math
import warnings
from typing import Optional

import numpy as np

from .. import (Tensor, erf, exp, log, no_grad, relu as _relu, sigmoid as _sigmoid,
                tanh as _tanh, where)
from ..autograd.grad_mode import STATE
from ..autograd.node import Node
from .. import dtypes
from ..ops import sleef_math, vector_math
from ..ops.cascade_sum import ceil_log2
from ..ops.conv import (adaptive_avg_pool1d, adaptive_avg_pool2d, adaptive_max_pool1d,  # noqa: F401
                        adaptive_max_pool2d, avg_pool1d, avg_pool2d, conv1d, conv2d, dropout2d,
                        max_pool1d, max_pool2d)
from ..ops.conv_transpose import conv_transpose1d, conv_transpose2d  # noqa: F401
from ..ops.upsample import (interpolate, upsample, upsample_bilinear,  # noqa: F401
                            upsample_nearest)
from ..ops.reduce import aten_norm
from .padding import pad_non_constant
from .pixelshuffle import pixel_shuffle, pixel_unshuffle  # noqa: F401
from .activation import alpha_dropout, dropout1d  # noqa: F401
from ..tensor import RESULT, record, wrap

_F32 = np.float32
_SQRT_HALF = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


# torch's scalar type names, as its messages print them
_TYPE_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long",
               "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}


def _type_name(t: Tensor) -> str:
    return _TYPE_NAMES.get(t._data.dtype.name, t._data.dtype.name)


def _floating(t: Tensor, kernel: str) -> Tensor:
    """torch's fused kernels exist for floating types only; say so the way torch does."""
    if t._data.dtype.kind != "f":
        raise NotImplementedError(f'"{kernel}" not implemented for \'{_type_name(t)}\'')
    return t


def _f64(t: Tensor) -> np.ndarray:
    return t._data.astype(np.float64, copy=False)


def _as_tensor(value: object, like: Tensor) -> Tensor:
    if isinstance(value, Tensor):
        return value
    return wrap(np.asarray(value, dtype=like._data.dtype))


# ---------------------------------------------------------------------------------------------
# Activations
# ---------------------------------------------------------------------------------------------
def relu(input: Tensor, inplace: bool = False) -> Tensor:
    return _relu(input)


def sigmoid(input: Tensor) -> Tensor:
    return _sigmoid(input)


def tanh(input: Tensor) -> Tensor:
    return _tanh(input)


class CeluBackward0(Node):
    def backward(self, g):
        (x,), (alpha,) = self.saved, self.args
        return (g * where(x > 0, 1.0, exp(x / alpha)),)


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError")
    if _floating(input, "elu_cpu")._data.dtype == _F32:  # torch's elu kernel, 1/alpha inside
        out = sleef_math.elu(input._data, alpha, 1.0, 1.0 / alpha)
        return record(CeluBackward0, out, (input,), (input,), (alpha,))
    x = _f64(input)
    out = np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0) / alpha))
    return record(CeluBackward0, out.astype(input._data.dtype), (input,), (input,), (alpha,))


class EluBackward0(Node):
    def backward(self, g):
        (x,), (alpha, *rest) = self.saved, self.args
        scale = rest[0] if rest else 1.0  # selu runs torch's elu kernel with a scale
        return (g * where(x > 0, scale, scale * alpha * exp(x)),)


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    if _floating(input, "elu_cpu")._data.dtype == _F32:
        return record(EluBackward0, sleef_math.elu(input._data, alpha), (input,), (input,),
                      (alpha,))
    x = _f64(input)
    out = np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))
    return record(EluBackward0, out.astype(input._data.dtype), (input,), (input,), (alpha,))


class LeakyReluBackward0(Node):
    def backward(self, g):
        (x,), (slope,) = self.saved, self.args
        # piecewise constant in x (no second derivative), so a plain array in x's dtype will do
        d = x._data
        return (g * wrap(np.where(d > 0, d.dtype.type(1), d.dtype.type(slope))),)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    x = _floating(input, "leaky_relu_cpu")._data
    out = np.where(x > 0, x, x * np.asarray(negative_slope, x.dtype))
    return record(LeakyReluBackward0, out, (input,), (input,), (negative_slope,))


class GeluBackward0(Node):
    def backward(self, g):
        (x,), (approximate,) = self.saved, self.args
        if approximate == "tanh":
            k = math.sqrt(2.0 / math.pi)
            t = _tanh(k * (x + 0.044715 * x * x * x))
            slope = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x)
        else:
            slope = 0.5 * (1 + erf(x * _SQRT_HALF)) + x * exp(-0.5 * x * x) * _INV_SQRT_2PI
        return (g * slope,)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    """float32 as torch's kernels compute it (sleef_math): approximate='none' on a contiguous
    tensor of two or more elements goes to oneDNN, everything else to ATen's own kernel."""
    x = _f64(_floating(input, "GeluKernelImpl"))
    d = input._data
    if d.dtype == _F32 and approximate in ("none", "tanh"):
        if approximate == "tanh":
            out = sleef_math.gelu_tanh(d)
        elif d.size > 1 and d.flags.c_contiguous:
            out = sleef_math.gelu_onednn(d)
        else:
            out = sleef_math.gelu(d)
        return record(GeluBackward0, out, (input,), (input,), (approximate,))
    if approximate == "tanh":
        out = 0.5 * x * (1 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))
    elif approximate == "none":
        out = 0.5 * x * (1 + erf(wrap(x * _SQRT_HALF))._data)  # float64 in, float64 out
    else:
        raise RuntimeError("approximate argument must be either none or tanh.")
    return record(GeluBackward0, out.astype(input._data.dtype), (input,), (input,), (approximate,))


class SoftplusBackward0(Node):
    def backward(self, g):
        (x,), (beta, threshold) = self.saved, self.args
        bx = x * beta
        return (g * where(bx > threshold, 1.0, _sigmoid(bx)),)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    if _floating(input, "softplus_cpu")._data.dtype == _F32:
        return record(SoftplusBackward0, sleef_math.softplus(input._data, beta, threshold),
                      (input,), (input,), (beta, threshold))
    x = _f64(input)
    bx = x * beta
    # log(1 + e^bx) = max(bx, 0) + log1p(e^-|bx|): no overflow for large bx
    soft = (np.maximum(bx, 0) + np.log1p(np.exp(-np.abs(bx)))) / beta
    out = np.where(bx > threshold, x, soft)
    return record(SoftplusBackward0, out.astype(input._data.dtype), (input,), (input,),
                  (beta, threshold))


def _softmax_dim(name: str, ndim: int, dim: Optional[int]) -> int:
    if dim is None:
        warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call "
                      "to include dim=X as an argument.", UserWarning, stacklevel=3)
        dim = 0 if ndim in (0, 1, 3) else 1
    n = max(ndim, 1)
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], "
                         f"but got {dim})")
    return dim % n


def _cast_for(input: Tensor, dtype: object) -> Tensor:
    return input if dtype is None else input.to(dtype)


class SoftmaxBackward0(Node):
    """Saves its output, as torch: changing the input in place afterwards is fine, changing
    the output is caught; under create_graph the rule differentiates through that output."""

    def backward(self, g):
        (out,), (dim,) = self.saved, self.args
        if STATE.enabled:
            return (out * (g - (g * out).sum(dim, keepdim=True)),)
        if _vector_kernel(out._data, dim):  # torch's kernel: (g - sum(g*y)) * y, sum in lanes
            gd, yd = g._data, out._data
            return (wrap((gd - vector_math.lane_sum(gd * yd)) * yd),)
        return (out * (g - (g * out).sum(dim, keepdim=True)),)


def softmax(input: Tensor, dim: Optional[int] = None, _stacklevel: int = 3,
            dtype: object = None) -> Tensor:
    input = _cast_for(input, dtype)
    dim = _softmax_dim("softmax", input.dim(), dim)
    d = _floating(input, "softmax_lastdim_kernel_impl")._data
    if d.ndim == 0:
        out = np.ones_like(d)
    elif _vector_kernel(d, dim):
        with np.errstate(invalid="ignore"):  # nan and inf inputs give nan, quietly as torch
            e = vector_math.expf(d - d.max(axis=-1, keepdims=True))
            out = e * (_F32(1) / vector_math.lane_sum(e))
    else:
        x = _f64(input)
        e = np.exp(x - x.max(axis=dim, keepdims=True))
        out = (e / e.sum(axis=dim, keepdims=True)).astype(d.dtype)
    return record(SoftmaxBackward0, out, (input,), RESULT, (dim,))


class LogSoftmaxBackward0(Node):
    def backward(self, g):
        (out,), (dim,) = self.saved, self.args
        if STATE.enabled:
            return (g - exp(out) * g.sum(dim, keepdim=True),)
        if _vector_kernel(out._data, dim):  # torch's kernel: g - exp(y) * sum(g), fused
            gd = g._data
            return (wrap(vector_math.fma(-vector_math.expf(out._data), vector_math.lane_sum(gd),
                                         gd)),)
        return (g - exp(out) * g.sum(dim, keepdim=True),)


def log_softmax(input: Tensor, dim: Optional[int] = None, _stacklevel: int = 3,
                dtype: object = None) -> Tensor:
    input = _cast_for(input, dtype)
    dim = _softmax_dim("log_softmax", input.dim(), dim)
    d = _floating(input, "log_softmax_lastdim_kernel_impl")._data
    if d.ndim == 0:
        out = np.zeros_like(d)
    elif _vector_kernel(d, dim):
        # torch's order: (x - max) - log(sum(exp(x - max))), the sum in vector lanes
        with np.errstate(invalid="ignore"):
            shifted = d - d.max(axis=-1, keepdims=True)
            out = shifted - vector_math.logf(vector_math.lane_sum(vector_math.expf(shifted)))
    else:
        x = _f64(input)
        shifted = x - x.max(axis=dim, keepdims=True)
        out = (shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))).astype(d.dtype)
    return record(LogSoftmaxBackward0, out, (input,), RESULT, (dim,))


def _vector_kernel(d: np.ndarray, dim: int) -> bool:
    """torch runs its vectorised last-dim kernel, which vector_math replays, for float32 over
    the last dim; other cases are rounded from float64 (their last bit may differ)."""
    return d.dtype == _F32 and d.ndim > 0 and dim == d.ndim - 1


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero each element with probability p and scale the rest by 1/(1-p) (torch composes a Mul).
    The mask is PyTorch's: `bernoulli_(1 - p)` on the default generator."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0:
        return input
    dtype = input._data.dtype
    from ..random import bernoulli_array

    keep = bernoulli_array(input._data.shape, 1.0 - p)
    scale = keep.astype(dtype) / dtype.type(1.0 - p) if p < 1.0 else np.zeros_like(input._data)
    return input * wrap(scale)


# ---------------------------------------------------------------------------------------------
# Linear
# ---------------------------------------------------------------------------------------------
class AddmmBackward0(Node):
    """out = bias + x @ W^T for a 2-D input: torch's fused addmm."""
    saved_for = (2, 1)

    def backward(self, g):
        x, weight = self.saved
        return (g, g.matmul(weight), g.t().matmul(x))


def linear(input: Tensor, weight: Tensor, bias: Optional[Tensor] = None) -> Tensor:
    if not isinstance(input, Tensor):  # a numpy batch fed to a model: torch's parser message
        kind = type(input)
        name = kind.__qualname__ if kind.__module__ == "builtins" else (
            f"{kind.__module__}.{kind.__qualname__}")
        raise TypeError(f"linear(): argument 'input' (position 1) must be Tensor, not {name}")
    x, w = input._data, weight._data
    if x.dtype != w.dtype:
        raise RuntimeError(f"mat1 and mat2 must have the same dtype, but got {_type_name(input)} "
                           f"and {_type_name(weight)}")
    if bias is not None and x.ndim >= 1 and w.ndim == 2 and x.dtype == bias._data.dtype:
        if x.ndim == 2:
            return _addmm(bias, input, weight)
        if (x.ndim == 3 or bias._data.ndim == 1) and (x.flags.c_contiguous or not input._strided):
            # torch's _flatten_nd_linear: addmm on the input reshaped to 2-D, then a view back
            lead = x.shape[:-1]
            out = _addmm(bias, input.reshape(math.prod(lead), x.shape[-1]), weight)
            return out.view(lead + (w.shape[0],))
    out = input.matmul(weight.t())  # torch composes the other cases too (MmBackward0, ...)
    return out if bias is None else out + bias


def _addmm(bias: Tensor, input: Tensor, weight: Tensor) -> Tensor:
    """bias + input @ weight^T for a 2-D input, recorded as torch's fused addmm."""
    x, w = input._data, weight._data
    if x.shape[1] != w.shape[1]:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied "
                           f"({x.shape[0]}x{x.shape[1]} and {w.shape[1]}x{w.shape[0]})")
    if x.shape[1] == 1 and x.shape[0] > 1 and w.shape[0] > 1 and x.dtype in (_F32, np.float64):
        # One input feature: torch's gemm kernel rounds x * w + bias once (a fused
        # multiply-add); a single row or output column goes through gemv, which rounds twice.
        fused = vector_math.fma if x.dtype == _F32 else vector_math.fma64
        out = np.asarray(fused(x, w.T, bias._data), dtype=x.dtype)
    else:
        out = x @ w.T
        out += bias._data
    return record(AddmmBackward0, out, (bias, input, weight), (input, weight))


# ---------------------------------------------------------------------------------------------
# Losses
# ---------------------------------------------------------------------------------------------
_REDUCTIONS = ("none", "mean", "sum")


def _reduction(size_average: Optional[bool], reduce: Optional[bool], reduction: str) -> str:
    if size_average is not None or reduce is not None:  # legacy arguments, as torch maps them
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        return "none" if not reduce else ("mean" if size_average else "sum")
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return reduction


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def _warn_broadcast(input: Tensor, target: Tensor) -> None:
    if tuple(target.shape) != tuple(input.shape):
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.", UserWarning, stacklevel=3)


class MseLossBackward0(Node):
    def backward(self, g):
        (input, target), (reduction, n) = self.saved, self.args
        # torch's kernel: (norm * (x - t)) * g, norm = 2/n rounded to the dtype
        norm = 2.0 / n if reduction == "mean" else 2.0
        d = (input - target) * norm * g
        return (d, None if self._next[1] is None else -d)


def mse_loss(input: Tensor, target: Tensor, size_average: Optional[bool] = None,
             reduce: Optional[bool] = None, reduction: str = "mean",
             weight: Optional[Tensor] = None) -> Tensor:
    reduction = _reduction(size_average, reduce, reduction)
    target = _as_tensor(target, input)
    _warn_broadcast(input, target)
    _floating(input, "mse_cpu")
    if weight is not None:
        return _reduce(weight * (input - target) ** 2, reduction)
    # torch's kernel squares the difference in the dtype, then reduces like .mean()/.sum()
    diff = (input - target)._data
    sq = wrap(diff * diff)
    out = _reduce(sq, reduction)._data
    return record(MseLossBackward0, out, (input, target), (input, target),
                  (reduction, sq._data.size))


def l1_loss(input: Tensor, target: Tensor, size_average: Optional[bool] = None,
            reduce: Optional[bool] = None, reduction: str = "mean",
            weight: Optional[Tensor] = None) -> Tensor:
    reduction = _reduction(size_average, reduce, reduction)
    target = _as_tensor(target, input)
    _warn_broadcast(input, target)
    loss = (input - target).abs()
    return _reduce(loss if weight is None else weight * loss, reduction)


def _check_same_size(input: Tensor, target: Tensor) -> None:
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(f"Using a target size ({target.shape}) that is different to the input "
                         f"size ({input.shape}) is deprecated. Please ensure they have the same "
                         "size.")


class BinaryCrossEntropyBackward0(Node):
    def backward(self, g):
        (input, target, weight), (reduction, n) = self.saved, self.args
        # torch's order: g (x - t) / max((1 - x) x, 1e-12), times the weight, over n
        denom = ((1 - input) * input).clamp(min=1e-12)
        gx = _weighted_mean_grad(g * (input - target) / denom, weight, reduction, n)
        gt = None
        if self._next[1] is not None:
            gt = g * (log((1 - input).clamp(min=1e-44)) - log(input.clamp(min=1e-44)))
            gt = _weighted_mean_grad(gt, weight, reduction, n)
        return (gx, gt)


def _weighted_mean_grad(grad: Tensor, weight: Optional[Tensor], reduction: str,
                        n: int) -> Tensor:
    """The tail of torch's loss backward kernels: times the weight, then divided by the count."""
    if weight is not None:
        grad = grad * weight
    return grad / n if reduction == "mean" else grad


def binary_cross_entropy(input: Tensor, target: Tensor, weight: Optional[Tensor] = None,
                         size_average: Optional[bool] = None, reduce: Optional[bool] = None,
                         reduction: str = "mean") -> Tensor:
    reduction = _reduction(size_average, reduce, reduction)
    target = _as_tensor(target, input)
    _check_same_size(input, target)
    if target._data.dtype != input._data.dtype:  # torch's kernel takes no mixed dtypes
        raise RuntimeError(f"Found dtype {_type_name(target)} but expected {_type_name(input)}")
    x, t = input._data, target._data
    if np.any((x < 0) | (x > 1)) or np.any(np.isnan(x)):
        raise RuntimeError("all elements of input should be between 0 and 1")
    with np.errstate(divide="ignore"):
        # torch's kernel, in the dtype: (t - 1) max(log1p(-x), -100) - t max(log(x), -100); each
        # log is clamped so a confident wrong answer costs 100, not inf
        x64 = x.astype(np.float64)
        lg = np.maximum(np.log(x64).astype(x.dtype), x.dtype.type(-100))
        l1p = np.maximum(np.log1p(-x64).astype(x.dtype), x.dtype.type(-100))
    loss = (t - x.dtype.type(1)) * l1p - t * lg
    if weight is not None:
        loss = loss * weight._data
    out = _reduce(wrap(loss), reduction)._data
    return record(BinaryCrossEntropyBackward0, out, (input, target), (input, target, weight),
                  (reduction, loss.size))


class BinaryCrossEntropyWithLogitsBackward0(Node):
    def backward(self, g):
        (input, target, weight, pos_weight), (reduction, n) = self.saved, self.args
        if STATE.enabled or input._data.dtype != _F32:
            s = _sigmoid(input)
        else:  # no graph wanted: torch's sigmoid kernel to the bit
            s = wrap(vector_math.sigmoidf(input._data))
        wants_target = self._next[1] is not None
        gt = None
        if pos_weight is None:  # torch's order: (sigmoid(x) - t) g, times the weight, over n
            gx = (s - target) * g
            if wants_target:
                gt = g * -input
        else:
            pt = pos_weight * target
            gx = ((pt + 1 - target) * s - pt) * g
            if wants_target:
                gt = g * (-input + (pos_weight - 1) * softplus(-input))
        gx = _weighted_mean_grad(gx, weight, reduction, n)
        gt = None if gt is None else _weighted_mean_grad(gt, weight, reduction, n)
        return (gx, gt)


def _check_logits_target(input: Tensor, target: Tensor) -> None:
    """torch computes (1 - target).mul_(input): an integer or bool target fails there."""
    kind = target._data.dtype.kind
    if kind == "b":
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    if kind != "f":
        raise RuntimeError(f"result type {_type_name(input)} can't be cast to the desired output "
                           f"type {_type_name(target)}")


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor,
                                     weight: Optional[Tensor] = None,
                                     size_average: Optional[bool] = None,
                                     reduce: Optional[bool] = None, reduction: str = "mean",
                                     pos_weight: Optional[Tensor] = None) -> Tensor:
    reduction = _reduction(size_average, reduce, reduction)
    target = _as_tensor(target, input)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(f"Target size ({target.shape}) must be the same as input size "
                         f"({input.shape})")
    _check_logits_target(input, target)
    x, t = input._data, target._data  # a float64 target makes a float64 loss, as in torch
    # torch's composition: (1 - t) x - log_sigmoid(x) [log_sigmoid scaled by 1 + (pw - 1) t]
    ls = _log_sigmoid_array(x)
    if pos_weight is not None:
        ls = ls * ((pos_weight._data - 1) * t + 1)
    loss = (1 - t) * x - ls
    if weight is not None:
        loss = loss * weight._data
    out = _reduce(wrap(loss), reduction)._data
    return record(BinaryCrossEntropyWithLogitsBackward0, out, (input, target),
                  (input, target, weight, pos_weight), (reduction, loss.size))


class NllLossBackward0(Node):
    def backward(self, g):
        (hit, w), (reduction, total) = self.saved, self.args
        # torch's order: -(g / total_weight) for the mean, then times the class weight
        if reduction == "none":  # one upstream value per target position
            g = -g.unsqueeze(1) if g._data.ndim else -g
        else:
            g = -(g / total) if reduction == "mean" else -g
        return (where(hit, g if w is None else w * g, 0.0),)


def _class_axis_last(a: np.ndarray) -> np.ndarray:
    return np.moveaxis(a, 1, -1) if a.ndim > 2 else a


def _check_targets(input: Tensor, target: Tensor) -> np.ndarray:
    """Class-index targets checked as ATen's nll_loss does, in its order (shapes first, then the
    dtype, which must be int64 or uint8); returns them shaped as the loss uses them."""
    t = target._data
    n_dims = input.dim()
    if n_dims >= 2 and (t.shape[0] if t.ndim else 0) != input.shape[0]:
        raise ValueError(f"Expected input batch_size ({input.shape[0]}) to match target "
                         f"batch_size ({t.shape[0] if t.ndim else 0}).")
    if n_dims <= 2 and t.ndim > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if n_dims == 1 and t.ndim == 1:
        if t.shape[0] != 1:
            raise ValueError("For 1D input, 1D target must have size 1, but got target size: "
                             f"{t.shape[0]}")
        t = t.reshape(())
    if n_dims == 4 and t.ndim != 3:
        raise RuntimeError("only batches of spatial targets supported (3D tensors) but got "
                           f"targets of dimension: {t.ndim}")
    expected = tuple(input.shape[:1] + input.shape[2:]) if n_dims >= 2 else ()
    if n_dims != 4 and tuple(t.shape) != expected:
        raise RuntimeError(f"Expected target size {list(expected)}, got {list(t.shape)}")
    if t.dtype != np.int64 and t.dtype != np.uint8:
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {_type_name(target)}")
    if tuple(t.shape) != expected:  # nll_loss2d's message, ")" missing as in ATen
        raise RuntimeError(f"size mismatch (got input: {list(input.shape)} , target: "
                           f"{list(t.shape)}")
    return t


def nll_loss(input: Tensor, target: Tensor, weight: Optional[Tensor] = None,
             size_average: Optional[bool] = None, ignore_index: int = -100,
             reduce: Optional[bool] = None, reduction: str = "mean") -> Tensor:
    reduction = _reduction(size_average, reduce, reduction)
    if input.dim() < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {input.dim()})")
    t = _check_targets(input, target)
    x = _class_axis_last(input._data)                 # (..., C)
    n_classes = x.shape[-1]
    valid = t != ignore_index
    bad = valid & ((t < 0) | (t >= n_classes))
    if bad.any():
        raise IndexError(f"Target {int(t[bad].flat[0])} is out of bounds.")
    safe = np.where(valid, t, 0)
    dtype = input._data.dtype
    w = np.ones(n_classes, dtype) if weight is None else weight._data.astype(dtype)
    wt = np.where(valid, w[safe], dtype.type(0))     # weight of each position's target class
    picked = np.take_along_axis(x, safe[..., None], axis=-1)[..., 0]
    if reduction == "none":
        out, total = np.where(valid, -picked * wt, dtype.type(0)), None
    elif input.dim() <= 2:
        out, total = _nll_cascade(picked.reshape(-1), wt.reshape(-1), valid.reshape(-1),
                                  weight is not None, reduction)
    else:
        total = wt.sum()
        out = (-picked * wt).sum()
        out = out / total if reduction == "mean" else out  # nan when all are ignored, as torch
    hit = np.zeros(x.shape, bool)                     # where each target's gradient goes
    np.put_along_axis(hit, safe[..., None], valid[..., None], axis=-1)
    if input.dim() > 2:
        hit = np.moveaxis(hit, -1, 1)
    class_shape = [1] * input.dim()
    class_shape[min(1, input.dim() - 1)] = n_classes
    w_b = None if weight is None else wrap(w.reshape(class_shape))
    return record(NllLossBackward0, np.asarray(out, dtype=dtype), (input,),
                  (wrap(hit), w_b), (reduction, total))


def _nll_cascade(picked: np.ndarray, wt: np.ndarray, valid: np.ndarray, weighted: bool,
                 reduction: str) -> tuple:
    """torch's nll_loss over a batch, in its order: `loss -= x[target] * w` into 8 partial sums
    carried up every 16 samples (counting from the first), the partials then added in order;
    the mean divides by the summed weights (or the count of targets kept)."""
    dtype = picked.dtype.type
    step = 1 << max(4, ceil_log2(len(picked)) // 8)
    loss, weights = [dtype(0)] * 8, [dtype(0)] * 8
    for b in np.flatnonzero(valid):
        loss[0] = dtype(loss[0] - (picked[b] * wt[b] if weighted else picked[b]))
        weights[0] = dtype(weights[0] + wt[b])
        for j in range(7):  # a level is carried up when the index has no bits in its field
            if b & ((step - 1) << (j * (step.bit_length() - 1))):
                break
            for partial in (loss, weights):
                partial[j + 1], partial[j] = dtype(partial[j + 1] + partial[j]), dtype(0)
    total = _ordered_sum(weights, dtype) if weighted else dtype(np.count_nonzero(valid))
    out = _ordered_sum(loss, dtype)
    if reduction == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):  # nan when all are ignored
            out = dtype(out / total)
    return out, total


def _ordered_sum(values: list, dtype) -> object:
    total = dtype(0)
    for v in values:
        total = dtype(total + v)
    return total


def cross_entropy(input: Tensor, target: Tensor, weight: Optional[Tensor] = None,
                  size_average: Optional[bool] = None, ignore_index: int = -100,
                  reduce: Optional[bool] = None, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:
    """log_softmax over dim 1 (dim 0 for one sample) then nll_loss, or, when `target` holds
    class probabilities (a float tensor of input's shape), -sum(target * log_softmax)."""
    reduction = _reduction(size_average, reduce, reduction)
    if not 0.0 <= label_smoothing <= 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
    class_dim = 0 if input.dim() == 1 else 1
    logp = log_softmax(input, class_dim)
    n_classes = input.shape[class_dim]
    target = _as_tensor(target, input) if not isinstance(target, Tensor) else target
    if tuple(target.shape) == tuple(input.shape):  # torch decides by shape, then checks dtype
        if target._data.dtype.kind != "f":
            raise RuntimeError("Expected floating point type for target with class "
                               f"probabilities, got {_type_name(target)}")
        if label_smoothing > 0:
            target = target * (1 - label_smoothing) + label_smoothing / n_classes
        return _cross_entropy_probs(logp, target, weight, reduction, class_dim)
    nll = nll_loss(logp, target, weight, ignore_index=ignore_index, reduction=reduction)
    if label_smoothing <= 0:
        return nll
    return _smoothed(nll, logp, target, weight, ignore_index, reduction, label_smoothing,
                     class_dim, n_classes)


def _cross_entropy_probs(logp: Tensor, target: Tensor, weight: Optional[Tensor],
                         reduction: str, class_dim: int) -> Tensor:
    """ATen's cross entropy with class probabilities, op for op (so grad_fn names and
    rounding match): -(logp * target [* weight]).sum(), divided by the number of samples."""
    terms = logp * target
    if weight is not None:
        shape = [1] * logp.dim()
        shape[class_dim] = logp.shape[class_dim]
        terms = terms * weight.reshape(shape)
    if reduction == "none":
        return -terms.sum(class_dim)
    total = -terms.sum()
    if reduction == "sum":
        return total
    return _div_scalar(total, terms.numel() // logp.shape[class_dim])


class DivBackward1(Node):
    def backward(self, g):
        return (g / self.args,)


def _div_scalar(t: Tensor, k: int) -> Tensor:
    """tensor / number as ATen's C++ divides (div.Scalar, recorded as DivBackward1)."""
    return record(DivBackward1, np.asarray(t._data / t._data.dtype.type(k)), (t,), None, k)


def _smoothed(nll: Tensor, logp: Tensor, target: Tensor, weight: Optional[Tensor],
              ignore_index: int, reduction: str, eps: float, class_dim: int,
              n_classes: int) -> Tensor:
    """torch's label smoothing for class-index targets: (1-eps)*nll + eps/C * smooth term."""
    keep = wrap((target._data != ignore_index).astype(logp._data.dtype))
    if weight is not None:
        shape = [1] * logp.dim()
        shape[class_dim] = n_classes
        smooth = -(logp * weight.reshape(shape)).sum(class_dim) * keep
    else:
        smooth = -logp.sum(class_dim) * keep
    if reduction == "mean":
        if weight is not None:
            safe = np.where(target._data != ignore_index, target._data, 0)
            denom = float((weight._data[safe] * keep._data).sum())
        else:
            denom = float(keep._data.sum())
        smooth = smooth.sum() / denom
    elif reduction == "sum":
        smooth = smooth.sum()
    return (1 - eps) * nll + smooth * (eps / n_classes)


# ---------------------------------------------------------------------------------------------
# More activations, losses and utilities students reach for
# ---------------------------------------------------------------------------------------------
class SiluBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        s = _sigmoid(x)
        return (g * (s * (1 + x * (1 - s))),)


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    if _floating(input, "silu_cpu")._data.dtype == _F32:
        return record(SiluBackward0, sleef_math.silu(input._data), (input,), (input,))
    x = _f64(input)
    out = x / (1.0 + np.exp(-x))
    return record(SiluBackward0, out.astype(input._data.dtype), (input,), (input,))


class MishBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        t = _tanh(softplus(x))
        return (g * (t + x * _sigmoid(x) * (1 - t * t)),)


def mish(input: Tensor, inplace: bool = False) -> Tensor:
    if _floating(input, "mish_cpu")._data.dtype == _F32:
        return record(MishBackward0, sleef_math.mish(input._data), (input,), (input,))
    x = _f64(input)
    out = x * np.tanh(np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x))))
    return record(MishBackward0, out.astype(input._data.dtype), (input,), (input,))


class LogSigmoidBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        d = x._data
        if STATE.enabled or d.dtype != _F32:
            return (g * _sigmoid(-x),)
        # torch's kernel on its forward buffer b = exp(-|x|): ([x<0] -+ b / (1 + b)) * g
        b = vector_math.expf(-np.abs(d))
        neg = d < 0
        sign = np.where(neg, _F32(1), _F32(-1))
        deriv = np.where(neg, _F32(1), _F32(0)) - sign * (b / (_F32(1) + b))
        return (wrap(deriv * g._data),)


def logsigmoid(input: Tensor) -> Tensor:
    out = _log_sigmoid_array(_floating(input, "log_sigmoid_forward")._data)
    return record(LogSigmoidBackward0, out, (input,), (input,))


def _log_sigmoid_array(x: np.ndarray) -> np.ndarray:
    """torch's kernel: min(x, 0) - log1p(exp(-|x|)), vectorised (float32 goes through
    vector_math); other dtypes are rounded from float64."""
    if x.dtype != _F32:
        x64 = x.astype(np.float64)
        return (np.minimum(x64, 0) - np.log1p(np.exp(-np.abs(x64)))).astype(x.dtype)
    with np.errstate(invalid="ignore"):
        return np.minimum(x, _F32(0)) - vector_math.log1pf(vector_math.expf(-np.abs(x)))


class HardtanhBackward0(Node):
    def backward(self, g):
        (x,), (lo, hi) = self.saved, self.args
        return (where((x > lo) & (x < hi), g, 0.0),)


def hardtanh(input: Tensor, min_val: float = -1.0, max_val: float = 1.0,
             inplace: bool = False) -> Tensor:
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    out = np.clip(input._data, min_val, max_val).astype(input._data.dtype, copy=False)
    return record(HardtanhBackward0, out, (input,), (input,), (min_val, max_val))


def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    return hardtanh(input, 0.0, 6.0)


def softmin(input: Tensor, dim: Optional[int] = None, _stacklevel: int = 3,
            dtype: object = None) -> Tensor:
    if dim is None:
        dim = _softmax_dim("softmin", input.dim(), None)
    return softmax(-input, dim, dtype=dtype)


def softsign(input: Tensor) -> Tensor:
    return input / (input.abs() + 1)


def normalize(input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12,
              out: Optional[Tensor] = None) -> Tensor:
    """torch's composition: input / norm(input, p, dim, keepdim).clamp_min(eps)."""
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    return input / denom


def pairwise_distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6,
                      keepdim: bool = False) -> Tensor:
    """The p-norm of x1 - x2 + eps over the last dimension (torch adds eps before the norm)."""
    last = max(x1.dim(), x2.dim()) - 1
    return aten_norm(x1 - x2 + eps, p, last, keepdim)


def cosine_similarity(x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-8) -> Tensor:
    """torch's composition: each input divided by its norm (clamped to eps outside the graph),
    then the product summed over `dim`."""
    x1, x2 = x1.broadcast_to(np.broadcast_shapes(x1.shape, x2.shape)), \
        x2.broadcast_to(np.broadcast_shapes(x1.shape, x2.shape))
    n1 = x1.norm(2, dim, keepdim=True).clone()
    n2 = x2.norm(2, dim, keepdim=True).clone()
    with no_grad():
        n1.clamp_min_(eps)
        n2.clamp_min_(eps)
    return ((x1 / n1) * (x2 / n2)).sum(dim)


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    if tensor._data.dtype != np.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    d = tensor._data
    if num_classes == -1:
        if d.size == 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(d.max()) + 1
    if d.size and d.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if d.size and d.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    out = (d[..., None] == np.arange(num_classes)).astype(np.int64)
    return wrap(out)


class ConstantPadNdBackward0(Node):
    def backward(self, g):
        (index,) = self.args
        return (g[index],)


def pad(input: Tensor, pad: tuple, mode: str = "constant", value: Optional[float] = None
        ) -> Tensor:
    """Pads `input`; `pad` lists (left, right) from the last dim. Mode 'constant' (torch's
    default) is here, 'reflect', 'replicate' and 'circular' are in nn.padding."""
    if mode not in ("constant", "reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if mode != "constant":
        if value is not None and value != 0:  # torch lets an explicit 0 through
            raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
        return pad_non_constant(input, pad, mode)
    if len(pad) // 2 > input.dim():
        raise RuntimeError("Padding length should be less than or equal to two times the input "
                           "dimension but got padding length "
                           f"{len(pad)} and input of dimension {input.dim()}")
    if any(int(p) < 0 for p in pad):
        raise NotImplementedError("F.pad with negative padding is not supported by the engine")
    widths = [(0, 0)] * input.dim()
    for i in range(len(pad) // 2):
        widths[input.dim() - 1 - i] = (int(pad[2 * i]), int(pad[2 * i + 1]))
    out = np.pad(input._data, widths, constant_values=0 if value is None else value)
    index = tuple(slice(lo, lo + n) for (lo, _), n in zip(widths, input._data.shape))
    return record(ConstantPadNdBackward0, out, (input,), None, (index,))


def _pointwise_loss(node_cls, input: Tensor, target: Tensor, reduction: str, forward, grad,
                    param: float, keep_input_dtype: bool = False) -> Tensor:
    target = _as_tensor(target, input)
    _warn_broadcast(input, target)
    _floating(input, node_cls.__name__)
    # torch's kernel works in the operands' dtype, step by step as written, then reduces the
    # elementwise losses like .mean()/.sum(): float64 here would round once, at the end
    dtype = dtypes.result_type(input, target)
    d = input._data.astype(dtype, copy=False) - target._data.astype(dtype, copy=False)
    values = np.asarray(forward(np.abs(d), d.dtype.type(param)), dtype=dtype)
    if keep_input_dtype:  # huber's result is empty_like(input): computed wide, stored narrow
        values = values.astype(input._data.dtype, copy=False)
    out = _reduce(wrap(values), reduction)._data
    return record(node_cls, out, (input, target), (input, target),
                  (reduction, values.size, grad, param))


class _PointwiseLossBackward(Node):
    def backward(self, g):
        (input, target), (reduction, n, grad, param) = self.saved, self.args
        if reduction == "mean":
            g = g / n
        d = grad(input - target, param) * g
        return (d, None if self._next[1] is None else -d)


class SmoothL1LossBackward0(_PointwiseLossBackward):
    pass


class HuberLossBackward0(_PointwiseLossBackward):
    pass


def _smooth_l1_grad(d: Tensor, beta: float) -> Tensor:
    if beta == 0:
        return d.sign()
    return where(d.abs() < beta, d / beta, d.sign())


def _huber_grad(d: Tensor, delta: float) -> Tensor:
    return where(d.abs() <= delta, d, d.sign() * delta)


def smooth_l1_loss(input: Tensor, target: Tensor, size_average: Optional[bool] = None,
                   reduce: Optional[bool] = None, reduction: str = "mean",
                   beta: float = 1.0) -> Tensor:
    reduction = _reduction(size_average, reduce, reduction)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")

    def forward(z, beta):  # z = |input - target|; ATen's smooth_l1_kernel, operation order kept
        if beta == 0:
            return z
        half = z.dtype.type(0.5)
        return np.where(z < beta, half * z * z / beta, z - half * beta)
    return _pointwise_loss(SmoothL1LossBackward0, input, target, reduction, forward,
                           _smooth_l1_grad, beta)


def huber_loss(input: Tensor, target: Tensor, reduction: str = "mean", delta: float = 1.0,
               weight: Optional[Tensor] = None) -> Tensor:
    reduction = _reduction(None, None, reduction)
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")

    def forward(z, delta):  # ATen's huber_kernel, operation order kept
        half = z.dtype.type(0.5)
        return np.where(z < delta, half * z * z, delta * (z - half * delta))
    return _pointwise_loss(HuberLossBackward0, input, target, reduction, forward, _huber_grad,
                           delta, keep_input_dtype=True)


# ---------------------------------------------------------------------------------------------
# More activations: selu, hardsigmoid, hardswish, glu, threshold, tanhshrink
# ---------------------------------------------------------------------------------------------
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def selu(input: Tensor, inplace: bool = False) -> Tensor:
    """scale * elu(x, alpha): torch runs its elu kernel, so the node is EluBackward0."""
    if _floating(input, "elu_cpu")._data.dtype == _F32:
        return record(EluBackward0, sleef_math.elu(input._data, _SELU_ALPHA, _SELU_SCALE),
                      (input,), (input,), (_SELU_ALPHA, _SELU_SCALE))
    x = _f64(input)
    out = _SELU_SCALE * np.where(x > 0, x, _SELU_ALPHA * np.expm1(np.minimum(x, 0)))
    return record(EluBackward0, out.astype(input._data.dtype), (input,), (input,),
                  (_SELU_ALPHA, _SELU_SCALE))


class HardsigmoidBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        d = x._data
        # torch's kernel: g / 6 inside (-3, 3), a real 0 elsewhere (g * 0 would give -0.)
        return (where(wrap((d > -3) & (d < 3)), g * (1 / 6), 0.0),)


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:
    x = _floating(input, "hardsigmoid_cpu")._data
    out = (np.clip(_f64(input) + 3.0, 0.0, 6.0) / 6.0).astype(x.dtype)
    return record(HardsigmoidBackward0, out, (input,), (input,))


class HardswishBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        # torch's kernel: a real 0 below -3, g * (x / 3 + 0.5) up to 3, g above
        return (where(x < -3, 0.0, g * where(x <= 3, x / 3 + 0.5, 1.0)),)


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:
    if _floating(input, "hardswish_cpu")._data.dtype == _F32:
        return record(HardswishBackward0, sleef_math.hardswish(input._data), (input,), (input,))
    x = _f64(input)
    out = x * np.clip(x + 3.0, 0.0, 6.0) / 6.0
    return record(HardswishBackward0, out.astype(input._data.dtype), (input,), (input,))


class GluBackward0(Node):
    def backward(self, g):
        (x,), (dim,) = self.saved, self.args
        a, b = x.chunk(2, dim)
        s = _sigmoid(b)
        from .. import cat
        return (cat([g * s, g * a * s * (1 - s)], dim),)


def glu(input: Tensor, dim: int = -1) -> Tensor:
    if input.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    d = dim + input.dim() if dim < 0 else dim
    n = input._data.shape[d]
    if n % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {d} is size {n}")
    x = _f64(_floating(input, "glu_cpu"))
    a, b = np.split(x, 2, axis=d)
    out = a / (1.0 + np.exp(-b))
    return record(GluBackward0, out.astype(input._data.dtype), (input,), (input,), (d,))


class ThresholdBackward0(Node):
    def backward(self, g):
        (x,), (thr,) = self.saved, self.args
        return (where(x > thr, g, 0.0),)


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:
    x = input._data
    out = np.where(x > threshold, x, np.asarray(value).astype(x.dtype)).astype(x.dtype, copy=False)
    return record(ThresholdBackward0, out, (input,), (input,), (threshold,))


def tanhshrink(input: Tensor) -> Tensor:
    return input - input.tanh()


# ---------------------------------------------------------------------------------------------
# Normalization: layer_norm, batch_norm
# ---------------------------------------------------------------------------------------------
def _norm_grads(g: Tensor, x: Tensor, weight, axes: tuple, eps: float, view: tuple,
                param_axes: tuple, stats) -> tuple:
    """Gradients of (x - mean) * rstd * w + b for input, weight, bias.

    `axes` are the statistics' axes (batch statistics when `stats` is None, else the constant
    (mean, rstd) arrays of eval mode); `param_axes` the axes the weight is broadcast over."""
    if stats is None:
        mean = x.mean(axes, keepdim=True)
        xc = x - mean
        rstd = ((xc * xc).mean(axes, keepdim=True) + eps) ** -0.5
        xhat = xc * rstd
    else:
        mean, rstd = (wrap(a.astype(x._data.dtype)) for a in stats)
        xhat = (x - mean) * rstd
    gxhat = g if weight is None else g * weight.reshape(view)
    if stats is None:
        gx = rstd * (gxhat - gxhat.mean(axes, keepdim=True)
                     - xhat * (gxhat * xhat).mean(axes, keepdim=True))
    else:
        gx = gxhat * rstd
    if weight is None:
        return gx, None, None
    gw, gb = g * xhat, g
    if param_axes:
        gw, gb = gw.sum(param_axes), gb.sum(param_axes)
    return gx, gw.reshape(weight.shape), gb.reshape(weight.shape)


class _NormBackward(Node):
    def backward(self, g):
        saved = self.saved
        x = saved[0]
        axes, eps, view, param_axes, stats, has_w, has_b = self.args
        weight = saved[1] if has_w else None
        gx, gw, gb = _norm_grads(g, x, weight, axes, eps, view, param_axes, stats)
        out = [gx]
        if has_w:
            out.append(gw)
        if has_b:
            out.append(gb)
        return tuple(out)


class NativeLayerNormBackward0(_NormBackward):
    pass


class NativeBatchNormBackward0(_NormBackward):
    pass


def _affine_record(node_cls, input: Tensor, xhat: np.ndarray, weight, bias, view, args) -> Tensor:
    out = xhat
    if weight is not None:
        out = out * _f64(weight).reshape(view)
    if bias is not None:
        out = out + _f64(bias).reshape(view)
    inputs = (input,) + tuple(t for t in (weight, bias) if t is not None)
    return record(node_cls, out.astype(input._data.dtype), inputs, inputs,
                  args + (weight is not None, bias is not None))


def _check_same_dtype(input: Tensor, *params: Optional[Tensor]) -> None:
    """ATen's normalisation kernels take one float dtype for input and parameters."""
    if any(p is not None and p._data.dtype != input._data.dtype for p in params):
        raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype.")


def layer_norm(input: Tensor, normalized_shape, weight: Optional[Tensor] = None,
               bias: Optional[Tensor] = None, eps: float = 1e-5) -> Tensor:
    shape = (int(normalized_shape),) if isinstance(normalized_shape, int) else \
        tuple(int(n) for n in normalized_shape)
    k = len(shape)
    xs = tuple(input._data.shape)
    if k == 0 or xs[len(xs) - k:] != shape or len(xs) < k:
        raise RuntimeError(f"Given normalized_shape={list(shape)}, expected input with shape "
                           f"[*, {', '.join(map(str, shape))}], but got input of size"
                           f"{list(input.shape)}")
    _check_same_dtype(input, weight, bias)
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and tuple(t._data.shape) != shape:
            raise RuntimeError(f"Expected {name} to be of same shape as normalized_shape, but got "
                               f"{name} of shape {list(t.shape)} and normalized_shape = "
                               f"{list(shape)}")
    x = _f64(_floating(input, "LayerNormKernelImpl"))
    axes = tuple(range(x.ndim - k, x.ndim))
    mean = x.mean(axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axes, keepdims=True)
    xhat = (x - mean) / np.sqrt(var + eps)
    return _affine_record(NativeLayerNormBackward0, input, xhat, weight, bias, shape,
                          (axes, eps, shape, tuple(range(x.ndim - k)), None))


def batch_norm(input: Tensor, running_mean: Optional[Tensor], running_var: Optional[Tensor],
               weight: Optional[Tensor] = None, bias: Optional[Tensor] = None,
               training: bool = False, momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Batch statistics over every axis but 1 in training (updating the running buffers in
    place with `momentum` and the unbiased variance), the running statistics otherwise."""
    if input.dim() < 2:
        raise ValueError(f"expected 2D or 3D input (got {input.dim()}D input)")
    _check_same_dtype(input, weight, bias)
    count = input.numel() // input.shape[1]
    if training and count <= 1:
        raise ValueError("Expected more than 1 value per channel when training, got input "
                         f"size {input.shape}")
    for name, t in (("running_mean", running_mean), ("running_var", running_var),
                    ("weight", weight), ("bias", bias)):
        if t is not None and t.numel() != input.shape[1]:
            raise RuntimeError(f"{name} should contain {input.shape[1]} elements not {t.numel()}")
    x = _f64(_floating(input, "batch_norm"))
    axes = (0,) + tuple(range(2, x.ndim))
    view = (1, x.shape[1]) + (1,) * (x.ndim - 2)
    if training:
        mean = x.mean(axes, keepdims=True)
        var = ((x - mean) ** 2).mean(axes, keepdims=True)
        with no_grad():
            if running_mean is not None:
                rm = running_mean._data
                rm[...] = ((1 - momentum) * rm.astype(np.float64)
                           + momentum * mean.reshape(-1)).astype(rm.dtype)
            if running_var is not None:
                rv = running_var._data
                unbiased = var.reshape(-1) * count / (count - 1)
                rv[...] = ((1 - momentum) * rv.astype(np.float64)
                           + momentum * unbiased).astype(rv.dtype)
        stats = None
    else:
        if running_mean is None or running_var is None:
            raise RuntimeError("running_mean and running_var must be defined in evaluation mode")
        mean = _f64(running_mean).reshape(view)
        var = _f64(running_var).reshape(view)
        stats = (mean, 1.0 / np.sqrt(var + eps))
    xhat = (x - mean) / np.sqrt(var + eps)
    return _affine_record(NativeBatchNormBackward0, input, xhat, weight, bias, view,
                          (axes, eps, view, axes, stats))


# ---------------------------------------------------------------------------------------------
# Embedding
# ---------------------------------------------------------------------------------------------
class EmbeddingBackward0(Node):
    def backward(self, g):
        idx, num, padding_idx = self.args
        flat = idx.reshape(-1)
        dim = g.shape[-1]
        if STATE.enabled:  # create_graph: a one-hot product keeps the rule differentiable
            onehot = (flat[:, None] == np.arange(num)).astype(g._data.dtype)
            if padding_idx is not None:
                onehot[:, padding_idx] = 0
            return (wrap(onehot.T).matmul(g.reshape(flat.size, dim)),)
        gw = np.zeros((num, dim), dtype=g._data.dtype)
        np.add.at(gw, flat, g._data.reshape(flat.size, dim))
        if padding_idx is not None:
            gw[padding_idx] = 0
        return (wrap(gw),)


def embedding(input: Tensor, weight: Tensor, padding_idx: Optional[int] = None,
              max_norm: Optional[float] = None, norm_type: float = 2.0,
              scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor:
    if max_norm is not None or scale_grad_by_freq or sparse:
        raise NotImplementedError("F.embedding: max_norm, scale_grad_by_freq and sparse are not "
                                  "supported by the engine")
    idx = input._data if isinstance(input, Tensor) else np.asarray(input)
    if idx.dtype not in (np.int64, np.int32):
        name = _TYPE_NAMES.get(idx.dtype.name, idx.dtype.name)
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the following "
                           f"scalar types: Long, Int; but got torch.{name}Tensor instead (while "
                           "checking arguments for embedding)")
    num = weight._data.shape[0]
    if padding_idx is not None:
        if padding_idx < 0:
            padding_idx += num
        if not 0 <= padding_idx < num:
            raise AssertionError("Padding_idx must be within num_embeddings")
    if idx.size and (idx.min() < 0 or idx.max() >= num):
        raise IndexError("index out of range in self")
    out = weight._data[idx]
    return record(EmbeddingBackward0, out, (weight,), None, (idx.copy(), num, padding_idx))


# ---------------------------------------------------------------------------------------------
# KL divergence, PReLU
# ---------------------------------------------------------------------------------------------
KL_DIV_MEAN_WARNING = (
    "reduction: 'mean' divides the total loss by both the batch size and the support size."
    "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
    "'mean' will be changed to behave the same as 'batchmean' in the next major release."
)


def kl_div(input: Tensor, target: Tensor, size_average: Optional[bool] = None,
           reduce: Optional[bool] = None, reduction: str = "mean",
           log_target: bool = False) -> Tensor:
    """Pointwise KL divergence target * (log target - input), input being log-probabilities
    (and target too with log_target). As torch: xlogy(t, t) - t * input, then the reduction;
    'batchmean' is the sum divided by the batch size."""
    if size_average is not None or reduce is not None:
        reduction = _reduction(size_average, reduce, "mean")
    else:
        if reduction == "mean":
            warnings.warn(KL_DIV_MEAN_WARNING, UserWarning, stacklevel=2)
        if reduction != "batchmean":
            _reduction(None, None, reduction)
    if input._data.dtype.kind in "biu" or target._data.dtype.kind in "biu":
        raise RuntimeError("kl_div: Integral inputs not supported.")
    if log_target:
        loss = exp(target) * (target - input)
    else:
        from ..ops.unary import xlogy

        loss = xlogy(target, target) - target * input
    if reduction == "batchmean":
        total = loss.sum()
        return total / input._data.shape[0] if input._data.ndim else total
    return _reduce(loss, reduction)


class PreluKernelBackward0(Node):
    def backward(self, g):
        x, w = self.saved
        nxt = self._next
        pos = x > 0
        gx = where(pos, g, w * g) if nxt[0] is not None else None
        gw = where(pos, 0.0, x * g) if nxt[1] is not None else None
        return gx, gw


def prelu(input: Tensor, weight: Tensor) -> Tensor:
    """max(0, x) + weight * min(0, x), weight holding one slope or one per channel (dim 1)."""
    from ..ops.shape import reshape

    if not isinstance(weight, Tensor):
        raise TypeError(f"prelu(): argument 'weight' (position 2) must be Tensor, not "
                        f"{type(weight).__name__}")
    nd = input._data.ndim
    if input._data.dtype != weight._data.dtype:
        raise RuntimeError(f"prelu: Type promoting not supported. Got {_type_name(input)} and "
                           f"{_type_name(weight)}")
    if weight._data.size != 1:
        if nd == 0:
            raise RuntimeError("Not allow zero-dim input tensor.")
        channels = input._data.shape[1] if nd > 1 else 1
        if channels != weight._data.size:
            raise RuntimeError("Mismatch of parameter numbers and input channel size. Found "
                               f"parameter numbers = {weight._data.size} and channel size = "
                               f"{channels}.")
    if weight._data.ndim > 1:
        raise RuntimeError("prelu: Expected `weight` to be a scalar or 1D tensor, but got: "
                           f"ndim = {weight._data.ndim}")
    _floating(input, "prelu_cpu")
    if nd != weight._data.ndim:  # torch views the weight as (1, C, 1, ...) to broadcast
        weight = reshape(weight, tuple(weight._data.size if i == 1 else 1 for i in range(nd)))
    x, w = input._data, weight._data
    out = np.where(x > 0, x, w * x)
    return record(PreluKernelBackward0, out, (input, weight), (input, weight))


# ---------------------------------------------------------------------------------------------
# Shrinkage activations, in-place activations, group/RMS/instance normalization
# ---------------------------------------------------------------------------------------------
class HardshrinkBackward0(Node):
    def backward(self, g):
        (x,), lambd = self.saved, self.args
        return (where((x >= -lambd) & (x <= lambd), 0.0, g),)


def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    """x where |x| > lambd, else 0."""
    x = _floating(input, "hardshrink_cpu")._data
    out = np.where((x >= -lambd) & (x <= lambd), x.dtype.type(0), x)
    return record(HardshrinkBackward0, out, (input,), (input,), lambd)


class SoftshrinkBackward0(HardshrinkBackward0):
    pass


def softshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    """x - lambd above lambd, x + lambd below -lambd, 0 between (in the input's dtype)."""
    x = _floating(input, "softshrink_cpu")._data
    top = float(np.finfo(x.dtype).max)
    if not 0 <= lambd <= top:
        raise RuntimeError(f"lambda must be in range [0, {top:g}] for input dtype "
                           f"{_type_name(input)}, but found {lambd:g}")
    lam = x.dtype.type(lambd)
    # torch's kernel returns x * 0 in between: -0.0 for negative x
    out = np.where(x > lam, x - lam, np.where(x < -lam, x + lam, x * 0))
    return record(SoftshrinkBackward0, out, (input,), (input,), lambd)


class EluBackward1(Node):
    """In-place elu: the rule reads the result, alpha * (exp(x) - 1) below 0."""

    def backward(self, g):
        (r,), alpha = self.saved, self.args
        return (g * where(r > 0, 1.0, r + alpha),)


class LeakyReluBackward1(Node):
    """In-place leaky_relu: the rule reads the result (same sign as the input)."""

    def backward(self, g):
        (r,), slope = self.saved, self.args
        d = r._data
        return (g * wrap(np.where(d > 0, d.dtype.type(1), d.dtype.type(slope))),)


def _elu_result(input: Tensor, alpha: float = 1.0) -> Tensor:
    out = elu(input.detach(), alpha)._data
    t = record(EluBackward1, out, (input,), None, alpha)
    if t.grad_fn is not None:
        t.grad_fn.save(t)
    return t


def _leaky_relu_result(input: Tensor, negative_slope: float = 0.01) -> Tensor:
    out = leaky_relu(input.detach(), negative_slope)._data
    t = record(LeakyReluBackward1, out, (input,), None, negative_slope)
    if t.grad_fn is not None:
        t.grad_fn.save(t)
    return t


def relu_(input: Tensor) -> Tensor:
    """relu in place (ReluBackward0, as torch)."""
    return input.relu_()


def elu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    """elu in place (EluBackward1: the rule reads the result)."""
    from ..tensor_methods import _inplace

    return _inplace(_elu_result)(input, alpha)


def leaky_relu_(input: Tensor, negative_slope: float = 0.01) -> Tensor:
    """leaky_relu in place (LeakyReluBackward1: the rule reads the result)."""
    from ..tensor_methods import _inplace

    return _inplace(_leaky_relu_result)(input, negative_slope)


class NativeGroupNormBackward0(Node):
    def backward(self, g):
        saved = self.saved
        x = saved[0]
        groups, eps, has_w, has_b = self.args
        weight = saved[1] if has_w else None
        n, c = x.shape[0], x.shape[1]
        view = (1, c) + (1,) * (x.dim() - 2)
        param_axes = (0,) + tuple(range(2, x.dim()))
        xg = x.reshape(n, groups, -1)
        gxhat = g if weight is None else g * weight.reshape(view)
        gx, _, _ = _norm_grads(gxhat.reshape(n, groups, -1), xg, None, (2,), eps, (), (), None)
        out = [gx.reshape(x.shape)]
        if has_w:
            mean = xg.mean(2, keepdim=True)
            xc = xg - mean
            xhat = (xc * ((xc * xc).mean(2, keepdim=True) + eps) ** -0.5).reshape(x.shape)
            out.append((g * xhat).sum(param_axes))
        if has_b:
            out.append(g.sum(param_axes))
        return tuple(out)


def group_norm(input: Tensor, num_groups: int, weight: Optional[Tensor] = None,
               bias: Optional[Tensor] = None, eps: float = 1e-5) -> Tensor:
    """Normalize each sample over groups of channels (channels of a group together with all
    spatial positions), then scale and shift per channel."""
    if input.dim() < 2:
        raise RuntimeError(f"Expected at least 2 dimensions for input tensor but received "
                           f"{input.dim()}")
    n, c = input._data.shape[0], input._data.shape[1]
    if (n * c // num_groups) * int(np.prod(input._data.shape[2:])) == 1:
        raise ValueError("Expected more than 1 value per channel when training, got input size "
                         f"{[n * c // num_groups, num_groups] + list(input.shape[2:])}")
    if c % num_groups:
        raise RuntimeError("Expected number of channels in input to be divisible by num_groups, "
                           f"but got input of shape {list(input.shape)} and num_groups="
                           f"{num_groups}")
    x = _f64(_floating(input, "GroupNormKernelImpl")).reshape(n, num_groups, -1)
    mean = x.mean(2, keepdims=True)
    var = ((x - mean) ** 2).mean(2, keepdims=True)
    xhat = ((x - mean) / np.sqrt(var + eps)).reshape(input._data.shape)
    view = (1, c) + (1,) * (input.dim() - 2)
    out = xhat
    if weight is not None:
        out = out * _f64(weight).reshape(view)
    if bias is not None:
        out = out + _f64(bias).reshape(view)
    inputs = (input,) + tuple(t for t in (weight, bias) if t is not None)
    return record(NativeGroupNormBackward0, out.astype(input._data.dtype), inputs, inputs,
                  (num_groups, eps, weight is not None, bias is not None))


def rms_norm(input: Tensor, normalized_shape, weight: Optional[Tensor] = None,
             eps: Optional[float] = None) -> Tensor:
    """x * rsqrt(mean(x**2 over the normalized dims) + eps) * weight, composed as torch's
    (eps defaults to the dtype's machine epsilon)."""
    shape = (int(normalized_shape),) if isinstance(normalized_shape, int) else \
        tuple(int(v) for v in normalized_shape)
    xs = tuple(input._data.shape)
    if not shape or len(xs) < len(shape) or xs[len(xs) - len(shape):] != shape:
        raise RuntimeError(f"Given normalized_shape={list(shape)}, expected input with shape "
                           f"[*{', '.join(map(str, shape))}], but got input of size"
                           f"{list(input.shape)}")
    if eps is None:
        eps = float(np.finfo(input._data.dtype).eps)
    dims = tuple(range(len(xs) - len(shape), len(xs)))
    out = input * (input.pow(2).mean(dims, keepdim=True) + eps).rsqrt()
    return out if weight is None else out * weight


def instance_norm(input: Tensor, running_mean: Optional[Tensor] = None,
                  running_var: Optional[Tensor] = None, weight: Optional[Tensor] = None,
                  bias: Optional[Tensor] = None, use_input_stats: bool = True,
                  momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Normalize each (sample, channel) over its spatial positions: torch's composition,
    batch_norm of the input viewed as one sample of N*C channels, viewed back; running
    statistics (when given) are updated with the mean over the batch."""
    shape = tuple(input._data.shape)
    if use_input_stats and int(np.prod(shape[2:])) <= 1:
        raise ValueError(f"Expected more than 1 spatial element when training, got input size "
                         f"{input.shape}")
    b, c = shape[0], shape[1]
    x = input.reshape((1, b * c) + shape[2:])
    w = weight.repeat(b) if weight is not None else None
    bi = bias.repeat(b) if bias is not None else None
    rm = wrap(np.tile(running_mean._data, b)) if running_mean is not None else None
    rv = wrap(np.tile(running_var._data, b)) if running_var is not None else None
    out = batch_norm(x, rm, rv, w, bi, use_input_stats, momentum, eps)
    if running_mean is not None:
        running_mean._data[...] = rm._data.reshape(b, c).mean(0)
    if running_var is not None:
        running_var._data[...] = rv._data.reshape(b, c).mean(0)
    return out.view(shape)


from .more_losses import (  # noqa: E402,F401 - the loss functions torch.nn.functional exposes
    cosine_embedding_loss, gaussian_nll_loss, hinge_embedding_loss, margin_ranking_loss,
    multilabel_soft_margin_loss, poisson_nll_loss, soft_margin_loss, triplet_margin_loss,
)
from .attention import scaled_dot_product_attention  # noqa: E402,F401
from .bilinear import bilinear  # noqa: E402,F401
