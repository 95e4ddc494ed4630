"""Elementwise functions: forward evaluated in float64 and rounded (see _core), backward rule
beside it, as in PyTorch's derivatives.yaml (`result` is the op's output)."""
from __future__ import annotations

import math

import numpy as np

from engine.autograd.node import Node
from engine import dtypes
from engine.ops._core import (
    F32, RESULT, Tensor, binary, check_broadcast, float_dtype, float_eval, record, sigmoid_math, sigmoid_np,
    tensor_of, wrap,
)
from engine.ops import sleef_math, vector_math
from engine.ops.select import grad_where, zero_grad


def _unary(node_cls, np_fn, math_fn, x, keep_result=False, f32_fn=None):
    """f32_fn, where given, is torch's own float32 kernel (sleef_math), used in place of the
    float64 evaluation for float32 results."""
    if x.__class__ is not Tensor:
        x = tensor_of(x)
    d = x._data
    if f32_fn is not None and float_dtype(d.dtype) == F32:
        out = np.asarray(f32_fn(d), dtype=F32)
    else:
        out = float_eval(np_fn, math_fn, d)
    if keep_result:
        return record(node_cls, out, (x,), RESULT)
    return record(node_cls, out, (x,), (x,))


class ExpBackward0(Node):
    array_rule = True

    def backward(self, g):
        (r,) = self.saved
        return (g * r,)


def exp(x):
    return _unary(ExpBackward0, np.exp, math.exp, x, keep_result=True)


class Expm1Backward0(Node):
    array_rule = True

    def backward(self, g):
        (r,) = self.saved
        return (g * (r + 1),)


def expm1(x):
    return _unary(Expm1Backward0, np.expm1, math.expm1, x, keep_result=True,
                  f32_fn=sleef_math.expm1f)


class LogBackward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g / x,)


def log(x):
    return _unary(LogBackward0, np.log, math.log, x)


class Log2Backward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g / (x * math.log(2.0)),)


def log2(x):
    return _unary(Log2Backward0, np.log2, math.log2, x)


class Log10Backward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g / (x * math.log(10.0)),)


def log10(x):
    return _unary(Log10Backward0, np.log10, math.log10, x)


class Log1PBackward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g / (x + 1),)


def log1p(x):
    return _unary(Log1PBackward0, np.log1p, math.log1p, x, f32_fn=sleef_math.log1pf)


class SqrtBackward0(Node):
    array_rule = True

    def backward(self, g):
        (r,) = self.saved
        return (g / (2 * r),)


def sqrt(x):
    return _unary(SqrtBackward0, np.sqrt, math.sqrt, x, keep_result=True)


class RsqrtBackward0(Node):
    def backward(self, g):
        (r,) = self.saved
        return (-0.5 * g * r ** 3,)


def rsqrt(x):
    return _unary(RsqrtBackward0, lambda d, **k: 1.0 / np.sqrt(d, **k),
                  lambda v: 1.0 / math.sqrt(v), x, keep_result=True, f32_fn=sleef_math.rsqrt)


class SinBackward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g * cos(x),)


def sin(x):
    return _unary(SinBackward0, np.sin, math.sin, x)


class CosBackward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g * -sin(x),)


def cos(x):
    return _unary(CosBackward0, np.cos, math.cos, x)


class TanBackward0(Node):
    array_rule = True

    def backward(self, g):
        (r,) = self.saved
        return (g * (1 + r ** 2),)


def tan(x):
    return _unary(TanBackward0, np.tan, math.tan, x, keep_result=True)


class TanhBackward0(Node):
    array_rule = True

    def backward(self, g):
        (r,) = self.saved
        return (g * (1 - r * r),)


def tanh(x):
    return _unary(TanhBackward0, np.tanh, math.tanh, x, keep_result=True)


class SigmoidBackward0(Node):
    array_rule = True

    def backward(self, g):
        (r,) = self.saved
        return (g * (1 - r) * r,)


def sigmoid(x):
    x = tensor_of(x)
    d = x._data
    if d.dtype == np.float64:
        out = float_eval(sigmoid_np, sigmoid_math, d)
    elif d.size >= 2 * vector_math.lanes(d.dtype):
        out = vector_math.sigmoidf(d)  # PyTorch's vectorised loop, SLEEF's exp included
    else:
        # PyTorch's scalar loop: 1 / (1 + exp(-x)) in the dtype's steps, float32's exp the C
        # library's expf (others rounded from float64)
        if float_dtype(d.dtype) == F32:
            e = np.asarray(sleef_math.libm_expf(np.negative(d, dtype=F32)), dtype=F32)
        else:
            e = float_eval(np.exp, _exp_or_inf, np.negative(d, out=...))
        one = e.dtype.type(1)
        out = np.divide(one, np.add(one, e, out=...), out=...)
    return record(SigmoidBackward0, out, (x,), RESULT)


def _exp_or_inf(v: float) -> float:
    return math.exp(v) if v < 709.0 else math.inf


class AsinBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * rsqrt(-x * x + 1),)


def asin(x):
    return _unary(AsinBackward0, np.arcsin, math.asin, x)


class AcosBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * -rsqrt(-x * x + 1),)


def acos(x):
    return _unary(AcosBackward0, np.arccos, math.acos, x)


class AtanBackward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g / (x * x + 1),)


def atan(x):
    return _unary(AtanBackward0, np.arctan, math.atan, x)


class SinhBackward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g * cosh(x),)


def sinh(x):
    return _unary(SinhBackward0, np.sinh, math.sinh, x, f32_fn=sleef_math.sinh)


class CoshBackward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g * sinh(x),)


def cosh(x):
    return _unary(CoshBackward0, np.cosh, math.cosh, x, f32_fn=sleef_math.cosh)


_erf_np = np.vectorize(math.erf, otypes=[np.float64])


class ErfBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * (2.0 / math.sqrt(math.pi)) * exp(-x * x),)


def erf(x):
    return _unary(ErfBackward0, lambda d, **k: _erf_np(np.asarray(d, dtype=np.float64)),
                  math.erf, x)


class AbsBackward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g * sign(x),)


def abs(x):  # noqa: A001 - torch.abs
    x = tensor_of(x)
    return record(AbsBackward0, np.abs(x._data, out=...), (x,), (x,))


class ReluBackward0(Node):
    array_rule = True

    def backward(self, g):
        (r,) = self.saved
        if g.__class__ is Tensor:  # create_graph: a node of its own, differentiable in r too
            return (threshold_backward(g, r),)
        # torch's threshold_backward: where(result <= 0, 0, grad), a real 0 (a nan result keeps g)
        return (grad_where(~(r <= 0), g),)


class ThresholdBackwardBackward0(Node):
    def backward(self, gg):
        (r,) = self.saved
        nxt = self._next
        return (threshold_backward(gg, r) if nxt[0] is not None else None,
                zero_grad(gg) if nxt[1] is not None else None)


def threshold_backward(g: Tensor, r: Tensor) -> Tensor:
    """relu's backward as torch records it: g where r > 0, else 0 (flat in r)."""
    return record(ThresholdBackwardBackward0, grad_where(~(r._data <= 0), g._data), (g, r), (r,))


def relu(x):
    x = tensor_of(x)
    d = x._data
    return record(ReluBackward0, np.maximum(d, 0, out=..., dtype=d.dtype), (x,), RESULT)


class SignBackward0(Node):
    array_rule = True

    def backward(self, g):
        return (zero_grad(g),)


def sign(x):
    x = tensor_of(x)
    d = x._data
    out = np.sign(d, out=...) if d.dtype.kind != "b" else d.copy()
    return record(SignBackward0, out, (x,))


def _piecewise_constant(name: str, np_fn):
    node_cls = type(name, (SignBackward0,), {})

    def op(x):
        x = tensor_of(x)
        d = x._data
        return record(node_cls, np_fn(d, out=...) if d.dtype.kind == "f" else d.copy(), (x,))

    op.__name__ = name[: name.index("Backward")].lower()
    return op


floor = _piecewise_constant("FloorBackward0", np.floor)
ceil = _piecewise_constant("CeilBackward0", np.ceil)
trunc = _piecewise_constant("TruncBackward0", np.trunc)
_round0 = _piecewise_constant("RoundBackward0", np.rint)


class RoundBackward1(SignBackward0):
    pass


def round(x, decimals=None):  # noqa: A001 - half to even, like torch
    """Round half to even; with `decimals`, rint(x * 10**decimals) / 10**decimals computed in
    x's dtype (for negative decimals: rint(x / 10**-decimals) * 10**-decimals), as torch."""
    if decimals is None:
        return _round0(x)
    x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        from engine.nn.functional import _type_name

        raise NotImplementedError(f'"round_cpu" not implemented for \'{_type_name(x)}\'')
    decimals = int(decimals)
    if decimals >= 0:
        p = d.dtype.type(10.0 ** decimals)
        out = np.divide(np.rint(np.multiply(d, p)), p)
    else:
        p = d.dtype.type(10.0 ** -decimals)
        out = np.multiply(np.rint(np.divide(d, p)), p)
    return record(RoundBackward1, np.asarray(out, dtype=d.dtype), (x,))


class FracBackward0(Node):
    def backward(self, g):
        return (g,)


def frac(x):
    """x - trunc(x) (floating types only, as torch); its derivative is 1."""
    x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        from engine.nn.functional import _type_name

        raise NotImplementedError(f'"frac_cpu" not implemented for \'{_type_name(x)}\'')
    return record(FracBackward0, np.subtract(d, np.trunc(d)), (x,))


def isnan(x):
    return wrap(np.isnan(tensor_of(x)._data, out=...))


def isinf(x):
    return wrap(np.isinf(tensor_of(x)._data, out=...))


def isfinite(x):
    return wrap(np.isfinite(tensor_of(x)._data, out=...))


class NanToNumBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * isfinite(x),)


def nan_to_num(x, nan: float = 0.0, posinf=None, neginf=None):
    """NaN -> `nan`, +inf -> `posinf`, -inf -> `neginf` (default: the dtype's largest and
    lowest finite values); the gradient passes only where x was finite."""
    x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        return record(NanToNumBackward0, d.copy(), (x,), (x,))
    fi = np.finfo(d.dtype)
    out = np.nan_to_num(d, nan=nan, posinf=fi.max if posinf is None else posinf,
                        neginf=fi.min if neginf is None else neginf)
    return record(NanToNumBackward0, np.asarray(out, dtype=d.dtype), (x,), (x,))


class LogitBackward0(Node):
    def backward(self, g):
        from engine.ops.select import where

        (x,) = self.saved
        eps = self.args
        inside = g / (x * (1 - x))
        if eps is None:  # outside [0, 1] the log is of a negative number: nan, as torch
            return (where((x < 0) | (x > 1), math.nan, inside),)
        return (where((x < eps) | (x > 1 - eps), 0.0, inside),)


def _logit_np(d, out=None, dtype=None):
    d = np.asarray(d, dtype=np.float64)
    return np.log(d / (1 - d))


def _logit_math(v: float) -> float:
    return math.log(v / (1 - v))


def logit(x, eps: float | None = None) -> Tensor:
    """log(x / (1 - x)), with x first clamped to [eps, 1 - eps] when eps is given."""
    x = tensor_of(x)
    d = x._data
    if eps is not None:
        d = np.clip(d.astype(float_dtype(d.dtype), copy=False), eps, 1 - eps)
    out = float_eval(_logit_np, _logit_math, d)
    return record(LogitBackward0, out, (x,), (x,), eps)


# ---------------------------------------------------------------- inverse hyperbolic functions

class AcoshBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * rsqrt(x * x - 1),)


def acosh(x) -> Tensor:
    """Inverse hyperbolic cosine (nan below 1)."""
    return _unary(AcoshBackward0, np.arccosh, math.acosh, x)


class AsinhBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * rsqrt(x * x + 1),)


def asinh(x) -> Tensor:
    """Inverse hyperbolic sine."""
    return _unary(AsinhBackward0, np.arcsinh, math.asinh, x)


class AtanhBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g / (-x * x + 1),)


def atanh(x) -> Tensor:
    """Inverse hyperbolic tangent (+-inf at +-1, nan beyond)."""
    return _unary(AtanhBackward0, np.arctanh, math.atanh, x)


arccosh, arcsinh, arctanh = acosh, asinh, atanh


# ---------------------------------------------------------------- exp2, erfc, angles, sinc

class Exp2Backward0(Node):
    def backward(self, g):
        (r,) = self.saved
        return (g * r * math.log(2.0),)


def exp2(x) -> Tensor:
    """2 ** x, elementwise."""
    return _unary(Exp2Backward0, np.exp2, lambda v: 2.0 ** v, x, keep_result=True,
                  f32_fn=sleef_math.exp2)


_erfc_np = np.vectorize(math.erfc, otypes=[np.float64])


class ErfcBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * (-2.0 / math.sqrt(math.pi)) * exp(-x * x),)


def erfc(x) -> Tensor:
    """1 - erf(x), accurate where erf(x) is close to 1."""
    return _unary(ErfcBackward0, lambda d, **k: _erfc_np(np.asarray(d, dtype=np.float64)),
                  math.erfc, x)


class Deg2RadBackward0(Node):
    def backward(self, g):
        return (deg2rad(g),)


class Rad2DegBackward0(Node):
    def backward(self, g):
        return (rad2deg(g),)


def _scale_by(node_cls, factor: float, x) -> Tensor:
    # torch multiplies by the constant rounded to the tensor's dtype, in that dtype
    x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        d = d.astype(float_dtype(d.dtype))
    return record(node_cls, np.multiply(d, d.dtype.type(factor)), (x,))


def deg2rad(x) -> Tensor:
    """Degrees to radians: x * (pi / 180)."""
    return _scale_by(Deg2RadBackward0, math.pi / 180.0, x)


def rad2deg(x) -> Tensor:
    """Radians to degrees: x * (180 / pi)."""
    return _scale_by(Rad2DegBackward0, 180.0 / math.pi, x)


class SincBackward0(Node):
    def backward(self, g):
        from engine.ops.select import where

        (x,) = self.saved
        px = x * math.pi
        d = (px * cos(px) - sin(px)) / (px * x)
        return (g * where(x == 0, 0.0, d),)


def sinc(x) -> Tensor:
    """sin(pi x) / (pi x), 1 at 0. As torch's kernel: pi * x rounded to the dtype, its sine
    rounded, then the division in the dtype."""
    x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        d = d.astype(float_dtype(d.dtype))
    t = d.dtype.type
    px = np.multiply(t(math.pi), d)
    s = np.sin(px, dtype=np.float64).astype(d.dtype)
    out = np.where(d == 0, t(1), np.divide(s, px))
    return record(SincBackward0, np.asarray(out, dtype=d.dtype), (x,), (x,))


# ---------------------------------------------------------------- binary float functions

def _float_operands(a, b, kernel: str | None):
    """Promote two operands as torch does for a float function: integer results become the
    default float, or fail with torch's message when the kernel has no integer version."""
    a, b, ad, bd = binary(tensor_of(a), tensor_of(b))
    rt = np.result_type(ad, bd)
    if rt.kind != "f":
        if kernel is not None:
            from engine.nn.functional import _TYPE_NAMES

            raise NotImplementedError(
                f'"{kernel}" not implemented for \'{_TYPE_NAMES.get(rt.name, rt.name)}\'')
        rt = dtypes.default_float()
    return a, b, np.asarray(ad, dtype=rt), np.asarray(bd, dtype=rt), rt


def _in_f64(fn, ad: np.ndarray, bd: np.ndarray, rt: np.dtype) -> np.ndarray:
    return np.asarray(fn(ad.astype(np.float64), bd.astype(np.float64)), dtype=rt)


class HypotBackward0(Node):
    def backward(self, g):
        a, b, r = self.saved
        nxt = self._next
        return (g * (a / r) if nxt[0] is not None else None,
                g * (b / r) if nxt[1] is not None else None)


def hypot(input, other) -> Tensor:
    """sqrt(input**2 + other**2) without overflow, elementwise."""
    a, b, ad, bd, rt = _float_operands(input, other, "hypot_cpu")
    t = record(HypotBackward0, _in_f64(np.hypot, ad, bd, rt), (a, b))
    if t.grad_fn is not None:
        t.grad_fn.save(a, b, t)
    return t


class LogaddexpBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        return (g / (exp(b - a) + 1) if nxt[0] is not None else None,
                g / (exp(a - b) + 1) if nxt[1] is not None else None)


def logaddexp(input, other) -> Tensor:
    """log(exp(input) + exp(other)) without overflow."""
    a, b, ad, bd, rt = _float_operands(input, other, "logaddexp_cpu")
    # torch's kernel, step by step in the dtype: max + log1p(exp(-|a - b|)); equal infinities
    # give themselves rather than inf - inf = nan
    d = np.abs(ad - bd)
    out = np.where(np.isinf(ad) & (ad == bd), ad, np.maximum(ad, bd) + _log1p_exp_neg(d))
    return record(LogaddexpBackward0, np.asarray(out, dtype=rt), (a, b), (a, b))


def _log1p_exp_neg(d: np.ndarray) -> np.ndarray:
    """log1p(exp(-d)) as torch's loop computes it: float32 blocks of two vectors through SLEEF's
    expf/log1pf (vector_math), the remaining elements (and other dtypes) with each function
    correctly rounded."""
    flat = d.reshape(-1)
    out = np.log1p(np.exp(-flat.astype(np.float64)).astype(d.dtype).astype(np.float64))
    out = out.astype(d.dtype)
    if d.dtype == np.float32:
        block = 2 * vector_math.lanes(d.dtype)
        k = flat.size // block * block
        out[:k] = vector_math.log1pf(vector_math.expf(-flat[:k]))
    return out.reshape(d.shape)


class Logaddexp2Backward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        return (g / (exp2(b - a) + 1) if nxt[0] is not None else None,
                g / (exp2(a - b) + 1) if nxt[1] is not None else None)


def logaddexp2(input, other) -> Tensor:
    """log2(2**input + 2**other) without overflow."""
    a, b, ad, bd, rt = _float_operands(input, other, "logaddexp2_cpu")
    return record(Logaddexp2Backward0, _in_f64(np.logaddexp2, ad, bd, rt), (a, b), (a, b))


class XlogyBackward0(Node):
    """Both operands tensors (XlogyBackward1: a number `self`, XlogyBackward2: a number
    `other`)."""

    def backward(self, g):
        from engine.ops.select import ne

        x, y = self.saved
        nxt = self._next
        gx = g * xlogy(ne(x, 0), y) if nxt[0] is not None else None
        gy = g * x / y if nxt[1] is not None else None
        return gx, gy


class XlogyBackward1(Node):
    def backward(self, g):
        x, y = self.saved
        return (g * x / y,)


class XlogyBackward2(Node):
    def backward(self, g):
        from engine.ops.select import ne

        x, y = self.saved
        return (g * xlogy(ne(x, 0), y),)


def xlogy(input, other) -> Tensor:
    """input * log(other), 0 where input is 0 (unless other is nan)."""
    number_x = not hasattr(input, "_data")
    number_y = not hasattr(other, "_data")
    a, b, ad, bd, rt = _float_operands(input, other, None)
    logy = np.log(bd.astype(np.float64)).astype(rt)
    out = np.where(np.isnan(bd), rt.type(np.nan), np.where(ad == 0, rt.type(0), ad * logy))
    out = np.asarray(out, dtype=rt)
    if number_x:
        return record(XlogyBackward1, out, (b,), (input, b))
    if number_y:
        return record(XlogyBackward2, out, (a,), (a, other))
    return record(XlogyBackward0, out, (a, b), (a, b))


class CopysignBackward0(Node):
    """A tensor `other` (CopysignBackward1: a number); the sign carries no gradient."""

    def backward(self, g):
        from engine.ops.select import where

        x, r = self.saved
        gx = g * where(x == 0, 0.0, r / x)
        return gx, (g * 0 if self._next[1] is not None else None)


class CopysignBackward1(Node):
    def backward(self, g):
        from engine.ops.select import where

        x, r = self.saved
        return (g * where(x == 0, 0.0, r / x),)


def copysign(input, other) -> Tensor:
    """|input| with the sign of other (the sign bit: -0.0 counts as negative)."""
    number = not hasattr(other, "_data")
    a, b, ad, bd, rt = _float_operands(input, other, None)
    out = np.copysign(ad, bd)
    if number:
        t = record(CopysignBackward1, out, (a,))
    else:
        t = record(CopysignBackward0, out, (a, b))
    if t.grad_fn is not None:
        t.grad_fn.save(a, t)
    return t


def heaviside(input, values) -> Tensor:
    """The step function: 0 for input < 0 (and nan), `values` at 0, 1 above. PyTorch has no
    derivative for it: the result records `NotImplemented`, and backward through it fails."""
    from engine.ops.arith import NotImplementedBackward

    if not hasattr(values, "_data"):
        raise TypeError(f"heaviside(): argument 'values' (position 2) must be Tensor, not "
                        f"{type(values).__name__}")
    x = tensor_of(input)
    if x._data.dtype != values._data.dtype:
        raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes.")
    xd, vd = x._data, values._data
    out = np.where(xd == 0, vd, (xd > 0).astype(xd.dtype))
    return record(NotImplementedBackward, np.asarray(out, dtype=xd.dtype), (x, values), None,
                  "heaviside")


class FmaxBackward0(Node):
    """The larger operand gets the gradient, `input` on ties; a nan operand passes it to the
    other one, as torch."""

    def backward(self, g):
        a, b = self.saved
        take_a = (a >= b) | b.isnan()
        return _split_grad(self._next, g, take_a)


class FminBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        take_a = (a <= b) | b.isnan()
        return _split_grad(self._next, g, take_a)


def _split_grad(nxt, g, take_a):
    from engine.ops.select import masked_fill

    return (masked_fill(g, ~take_a, 0) if nxt[0] is not None else None,
            masked_fill(g, take_a, 0) if nxt[1] is not None else None)


def _tensor_arg(fn: str, value, position: int, name: str) -> Tensor:
    if not hasattr(value, "_data"):
        raise TypeError(f"{fn}(): argument '{name}' (position {position}) must be Tensor, not "
                        f"{type(value).__name__}")
    return value


def fmax(input, other) -> Tensor:
    """Elementwise maximum that ignores nan (nan only where both are nan)."""
    _tensor_arg("fmax", other, 2, "other")
    a, b, ad, bd = binary(tensor_of(input), other)
    return record(FmaxBackward0, np.fmax(ad, bd, out=...), (a, b), (a, b))


def fmin(input, other) -> Tensor:
    """Elementwise minimum that ignores nan (nan only where both are nan)."""
    _tensor_arg("fmin", other, 2, "other")
    a, b, ad, bd = binary(tensor_of(input), other)
    return record(FminBackward0, np.fmin(ad, bd, out=...), (a, b), (a, b))


def float_power(input, exponent) -> Tensor:
    """input ** exponent computed in float64 whatever the operands' dtypes (torch's
    PowBackward0/1/2 as for pow, after a cast to double)."""
    from engine.ops.arith import pow as _pow
    from engine.ops.shape import cast

    f64 = np.dtype(np.float64)
    if hasattr(input, "_data"):
        base = cast(input, f64) if input._data.dtype != f64 else input
    else:
        base = float(input)
    if hasattr(exponent, "_data"):
        exponent = cast(exponent, f64) if exponent._data.dtype != f64 else exponent
    else:
        exponent = float(exponent)
    return _pow(base, exponent)


def float_power_(self: Tensor, exponent) -> Tensor:
    """In-place float_power: only a float64 tensor can hold the float64 result."""
    if self._data.dtype != np.float64:
        from engine.nn.functional import _TYPE_NAMES

        raise RuntimeError(f"the base given to float_power_ has dtype "
                           f"{_TYPE_NAMES[self._data.dtype.name]} but the operation's result "
                           "requires dtype Double")
    return self.pow_(exponent)


# ---------------------------------------------------------------- addcmul, addcdiv

class AddcmulBackward0(Node):
    def backward(self, g):
        t1, t2 = self.saved
        value = self.args
        nxt = self._next
        return (g if nxt[0] is not None else None,
                g * t2 * value if nxt[1] is not None else None,
                g * t1 * value if nxt[2] is not None else None)


class AddcdivBackward0(Node):
    def backward(self, g):
        t1, t2 = self.saved
        value = self.args
        nxt = self._next
        return (g if nxt[0] is not None else None,
                g * value / t2 if nxt[1] is not None else None,
                -g * value * t1 / (t2 * t2) if nxt[2] is not None else None)


def _three(input, tensor1, tensor2):
    """The operands as tensors, and their data in the promoted dtype (broadcast-checked)."""
    ts = [tensor_of(t) for t in (input, tensor1, tensor2)]
    rt = dtypes.result_type(*ts)
    check_broadcast(ts[1]._data, ts[2]._data)
    product = np.broadcast_to(np.empty((), rt), np.broadcast_shapes(ts[1].shape, ts[2].shape))
    check_broadcast(ts[0]._data, product)
    return ts, [t._data.astype(rt, copy=False) for t in ts], rt


def _fma(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """a * b + c rounded once, as a fused multiply-add: float32's product is exact in float64;
    for float64 the product's and the sum's rounding errors are recovered (Dekker's split,
    Knuth's two-sum) and added back before the final rounding."""
    dt = np.result_type(a, b, c)
    if dt != np.float64:
        return (a.astype(np.float64) * b + c).astype(dt)
    p = a * b
    a_hi, a_lo = _split(a)
    b_hi, b_lo = _split(b)
    p_err = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    s = p + c
    v = s - p
    s_err = (p - (s - v)) + (c - v)
    return np.where(np.isfinite(s_err + p_err), s + (s_err + p_err), s)


def _split(a: np.ndarray) -> tuple:
    t = a * 134217729.0  # 2**27 + 1: splits a double's 53 bits into two 26-bit halves
    hi = t - (t - a)
    return hi, a - hi


def addcmul(input, tensor1, tensor2, *, value=1) -> Tensor:
    """input + value * tensor1 * tensor2, rounded as torch's kernel: value * tensor1 in the
    result dtype, then a fused multiply-add with tensor2 and input."""
    ts, (d, d1, d2), rt = _three(input, tensor1, tensor2)
    if rt.kind == "f":
        out = _fma(np.multiply(rt.type(value), d1), d2, d)
    else:
        out = d + value * d1 * d2
    return record(AddcmulBackward0, np.asarray(out, dtype=rt), tuple(ts), (ts[1], ts[2]), value)


ADDCDIV_INTEGER_MESSAGE = (
    "Integer division with addcdiv is no longer supported, and in a future  release addcdiv "
    "will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be "
    "implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer "
    "inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv "
    "behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all "
    "dtypes."
)


def addcdiv(input, tensor1, tensor2, *, value=1) -> Tensor:
    """input + value * tensor1 / tensor2, rounded as torch's kernel: (value * tensor1) /
    tensor2, then the sum, each step in the result dtype."""
    ts, (d, d1, d2), rt = _three(input, tensor1, tensor2)
    if ts[1]._data.dtype.kind in "iub" and ts[2]._data.dtype.kind in "iub":
        raise RuntimeError(ADDCDIV_INTEGER_MESSAGE)
    v = rt.type(value)
    out = np.add(d, np.divide(np.multiply(v, d1), d2))
    return record(AddcdivBackward0, np.asarray(out, dtype=rt), tuple(ts), (ts[1], ts[2]), value)
