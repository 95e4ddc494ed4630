"""Elementwise functions: forward evaluated in float64 and rounded (see _core), backward rule
beside it, as in PyTorch's derivatives.yaml (`result` is the op's output)."""
from __future__ import annotations

import math

import numpy as np

from engine.autograd.node import Node
from engine.ops._core import (
    Tensor, float_dtype, float_eval, record, sigmoid_math, sigmoid_np, tensor_of, wrap,
)
from engine.ops import vector_math
from engine.ops.arith import save_result


def _unary(node_cls, np_fn, math_fn, x, keep_result=False):
    if x.__class__ is not Tensor:
        x = tensor_of(x)
    out = float_eval(np_fn, math_fn, x._data)
    if keep_result:
        return save_result(record(node_cls, out, (x,)))
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
    return _unary(Expm1Backward0, np.expm1, math.expm1, x, keep_result=True)


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
    return _unary(Log1PBackward0, np.log1p, math.log1p, x)


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
                  lambda v: 1.0 / math.sqrt(v), x, keep_result=True)


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
        # PyTorch's float32 scalar loop: 1 / (1 + exp(-x)) in float32 steps, exp correctly
        # rounded.
        e = float_eval(np.exp, _exp_or_inf, np.negative(d, out=...))
        one = e.dtype.type(1)
        out = np.divide(one, np.add(one, e, out=...), out=...)
    return save_result(record(SigmoidBackward0, out, (x,)))


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
    return _unary(SinhBackward0, np.sinh, math.sinh, x)


class CoshBackward0(Node):
    array_rule = True

    def backward(self, g):
        (x,) = self.saved
        return (g * sinh(x),)


def cosh(x):
    return _unary(CoshBackward0, np.cosh, math.cosh, x)


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
        return (g * (r > 0),)


def relu(x):
    x = tensor_of(x)
    d = x._data
    return save_result(record(ReluBackward0, np.maximum(d, 0, out=..., dtype=d.dtype), (x,)))


class SignBackward0(Node):
    array_rule = True

    def backward(self, g):
        return (g * 0,)


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


def frac(x):
    """x - trunc(x); its derivative is 1."""
    x = tensor_of(x)
    return x - trunc(x).detach()


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
