"""Arithmetic: each op's forward (numpy) next to its backward rule (Tensor ops, so rules are
themselves differentiable for create_graph=True). Rules follow PyTorch's derivatives.yaml so
float32 results agree bit for bit on course exercises. Broadcast gradients are reduced by the
autograd engine, not here.
"""
from __future__ import annotations

import math

import numpy as np

from engine import dtypes
from engine.ops.vector_math import fma64
from engine.autograd.node import Node
from engine.ops._core import (
    F64, RESULT, Tensor, binary, float_dtype, record, scalar_or_tensor, tensor_of, wrap,
)
from engine.ops.select import zero_grad


class AddBackward0(Node):
    array_rule = True

    def backward(self, g):
        alpha = self.args
        if alpha is None:
            return g, g
        return g, (g * alpha if self._next[1] is not None else None)


def add(a, b, alpha=1):
    a, b, ad, bd = binary(a, b)
    if alpha != 1:
        return record(AddBackward0, _plus_scaled(ad, bd, alpha), (a, b), None, alpha)
    return record(AddBackward0, np.add(ad, bd, out=...), (a, b))


def _plus_scaled(ad, bd, alpha) -> np.ndarray:
    """ad + alpha*bd rounded once, as ATen's kernel fuses it (`p.add_(g, alpha=-lr)` in a
    hand-written optimizer step gives PyTorch's bits); alpha is first cast to the result type."""
    rt = np.result_type(ad, bd)
    if rt.kind != "f":
        return np.asarray(ad + bd * alpha)
    alpha = rt.type(alpha)
    if rt == F64:
        return np.asarray(fma64(bd, alpha, ad))
    return np.asarray(np.asarray(bd, F64) * np.float64(alpha) + np.asarray(ad, F64)).astype(rt)


class SubBackward0(Node):
    array_rule = True

    def backward(self, g):
        if self._next[1] is None:
            return g, None
        alpha = self.args
        return g, (-g if alpha is None else g * -alpha)


def sub(a, b, alpha=1):
    a, b, ad, bd = binary(a, b)
    if getattr(ad, "dtype", None) is dtypes.BOOL and getattr(bd, "dtype", None) is dtypes.BOOL:
        raise RuntimeError(
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
            "`logical_xor()` operator instead."
        )
    if alpha != 1:
        return record(SubBackward0, _plus_scaled(ad, bd, -alpha), (a, b), None, alpha)
    return record(SubBackward0, np.subtract(ad, bd, out=...), (a, b))


class RsubBackward1(Node):
    array_rule = True

    def backward(self, g):
        return (-g,)


def rsub(tensor, number):
    """number - tensor, as PyTorch records it (RsubBackward1)."""
    a, b, ad, bd = binary(number, tensor)
    return record(RsubBackward1, np.subtract(ad, bd, out=...), (b,))


class MulBackward0(Node):
    saved_for = (1, 0)
    array_rule = True

    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        return (g * b if nxt[0] is not None else None, g * a if nxt[1] is not None else None)


def mul(a, b):
    a, b, ad, bd = binary(a, b)
    return record(MulBackward0, np.multiply(ad, bd, out=...), (a, b), (a, b))


class DivBackward0(Node):
    saved_for = (1, None)
    array_rule = True

    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        ga = g / b if nxt[0] is not None else None
        gb = -g * ((a / b) / b) if nxt[1] is not None else None
        return ga, gb


def div(a, b, rounding_mode=None):
    if rounding_mode is not None:
        return _rounded_div(a, b, rounding_mode)
    a, b, ad, bd = binary(a, b)
    out = np.true_divide(ad, bd, out=...)
    if out.dtype is F64 and _kind(ad) != "f" and _kind(bd) != "f":
        out = out.astype(dtypes.default_float())  # int / int is the default float, not float64
    return record(DivBackward0, out, (a, b), (a, b))


def _kind(x) -> str:
    return x.dtype.kind if hasattr(x, "dtype") else ("f" if isinstance(x, float) else "i")


def _check_int_divisor(ad, bd) -> None:
    """Integer division (floor/trunc, remainder, fmod) by zero raises, as in PyTorch."""
    if _kind(ad) in "iub" and _kind(bd) in "iub" and not np.all(bd):
        raise RuntimeError("ZeroDivisionError")


def _rounded_div(a, b, mode: str):
    a, b, ad, bd = binary(a, b)
    if mode in ("floor", "trunc"):
        _check_int_divisor(ad, bd)
    if mode == "floor":
        out = np.floor_divide(ad, bd, out=...)
    elif mode == "trunc":
        q = np.true_divide(ad, bd)
        out = np.trunc(q, out=...).astype(np.result_type(ad, bd))
    else:
        raise RuntimeError(
            f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found "
            f"'{mode}'"
        )
    return record(ZeroGradBackward, out, (a, b))


def floor_divide(a, b):
    return div(a, b, rounding_mode="floor")


class RemainderBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        gb = -g * div(a, b, rounding_mode="floor") if nxt[1] is not None else None
        return (g if nxt[0] is not None else None), gb


class RemainderBackward1(RemainderBackward0):
    """Tensor divisor (RemainderBackward0 is the number-divisor overload)."""


class NotImplementedBackward(Node):
    """PyTorch has no derivative for some overloads (`number % tensor`): the graph records this
    node, printed as `grad_fn=<NotImplemented>`, and backward through it fails."""

    def backward(self, g):
        raise RuntimeError(f"derivative for aten::{self.args} is not implemented")


NotImplementedBackward.__name__ = NotImplementedBackward.__qualname__ = "NotImplemented"


def remainder(a, b):
    """Python's modulo: the result takes the divisor's sign."""
    a, b, ad, bd = binary(a, b)
    _check_int_divisor(ad, bd)
    out = np.remainder(ad, bd, out=...)
    if not hasattr(a, "_data"):
        return record(NotImplementedBackward, out, (b,), None, "remainder")
    node = RemainderBackward1 if hasattr(b, "_data") else RemainderBackward0
    return record(node, out, (a, b), (a, b))


class FmodBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        gb = -g * div(a, b, rounding_mode="trunc") if nxt[1] is not None else None
        return (g if nxt[0] is not None else None), gb


class FmodBackward1(FmodBackward0):
    """Tensor divisor (FmodBackward0 is the number-divisor overload)."""


def fmod(a, b):
    """C's fmod: the result takes the dividend's sign."""
    a, b, ad, bd = binary(a, b)
    _check_int_divisor(ad, bd)
    out = np.fmod(ad, bd, out=...)
    node = FmodBackward1 if hasattr(b, "_data") else FmodBackward0
    return record(node, out, (a, b), (a, b))


def rdiv(tensor, number):
    """number / tensor: PyTorch computes reciprocal(tensor) * number."""
    return mul(reciprocal(tensor), number)


class ZeroGradBackward(Node):
    array_rule = True
    """Piecewise-constant ops (floor, sign, rounding division): the gradient is zero."""

    def backward(self, g):
        z = zero_grad(g)
        return tuple(z if n is not None else None for n in self._next)


class NegBackward0(Node):
    array_rule = True

    def backward(self, g):
        return (-g,)


def neg(x):
    if x.__class__ is not Tensor:
        x = tensor_of(x)
    if x._data.dtype.kind == "b":
        raise RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
            "invert a mask, use the `~` or `logical_not()` operator instead."
        )
    return record(NegBackward0, np.negative(x._data, out=...), (x,))


class ReciprocalBackward0(Node):
    array_rule = True

    def backward(self, g):
        (r,) = self.saved
        return (-g * (r * r),)


def reciprocal(x):
    if x.__class__ is not Tensor:
        x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        d = d.astype(float_dtype(d.dtype))
    return record(ReciprocalBackward0, np.reciprocal(d, out=...), (x,), RESULT)


class PowBackward0(Node):
    array_rule = True

    def backward(self, g):
        x, e = self.saved
        if e == 0:  # PyTorch: zeros_like(self), untracked, whatever g holds (even nan)
            return (wrap(np.zeros_like(x._data)) if g.__class__ is Tensor else np.zeros_like(g),)
        if g.__class__ is Tensor:
            # PyTorch: grad * (e * x.pow(e - 1)), op for op: under create_graph x.pow(1) and
            # x.pow(0) are graph nodes, so a third derivative of x**3 still has a grad_fn
            return (g * (e * pow_scalar(x, e - 1)),)
        return (g * (e * (x if e == 2 else pow_scalar(x, e - 1))),)  # arrays: x.pow(1) is x


def _int_power(d: np.ndarray, e: int) -> np.ndarray:
    # PyTorch's CPU kernel: x*x for 2, x*x*x for 3, reciprocal forms for -1 and -2.
    if e == 2:
        return np.multiply(d, d, out=...)
    if e == 3:
        return np.multiply(np.multiply(d, d), d, out=...)
    if e == 1:
        return np.array(d, copy=True)
    if e == -1:
        return np.divide(1, d, out=...)
    if e == -2:
        return np.divide(1, np.multiply(d, d), out=...)
    return None


def pow_scalar(x, e):
    """x ** e for a Python-number exponent."""
    if x.__class__ is not Tensor:
        x = tensor_of(x)
    d = x._data
    if e.__class__ is not int and e.__class__ is not float:
        if isinstance(e, (bool, np.bool_)):
            e = int(e)
        if isinstance(e, np.generic):
            e = e.item()
    if d.dtype.kind != "f":
        if isinstance(e, float):
            d = d.astype(dtypes.default_float())
        elif e < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        else:
            return record(PowBackward0, np.power(d, e, out=...), (x,), (x, e))
    out = None
    if -2 <= e <= 3 and e != 0 and float(e).is_integer():
        out = _int_power(d, int(e))
    if out is None:
        if e == 0.5:
            out = np.sqrt(d, out=...)
        else:
            if d.ndim == 0 and d.dtype.kind == "f":
                try:
                    v = math.pow(float(d), e)
                except (ValueError, OverflowError, ZeroDivisionError):
                    v = float(np.power(np.float64(d), e))
                out = np.array(v, dtype=d.dtype)
            else:
                out = np.power(d, e, out=..., dtype=F64).astype(d.dtype)
    return record(PowBackward0, out, (x,), (x, e))


class PowBackward1(Node):
    def backward(self, g):
        from engine.ops.select import where

        a, b, r = self.saved
        nxt = self._next
        # torch: a zero exponent contributes 0 to the base's gradient (0 ** 0 included)
        ga = where(b == 0, 0.0, g * (b * pow_tensor(a, b - 1))) if nxt[0] is not None else None
        gb = None
        if nxt[1] is not None:
            from engine.ops.unary import log

            gb = g * where((a == 0) & (b >= 0), 0.0, r * log(a))
        return ga, gb


def pow_tensor(a, b):
    """a ** b with at least one tensor operand; a number base is PowBackward2 in PyTorch."""
    if not hasattr(b, "_data") and not isinstance(b, np.ndarray):
        return pow_scalar(a, b)
    a, b, ad, bd = binary(a, b)
    if not hasattr(a, "_data"):
        return _pow_number_base(a, b, bd)
    if ad.dtype.kind == "f":
        out = np.power(ad, bd, dtype=F64).astype(ad.dtype)
    else:
        out = _int_power_tensor(ad, bd)
    t = record(PowBackward1, out, (a, b))
    if t.grad_fn is not None:
        t.grad_fn.save(a, b, t)
    return t


class PowBackward2(Node):
    def backward(self, g):
        base, r, exponent = self.saved
        log_base = math.log(base) if base > 0 else (-math.inf if base == 0 else math.nan)
        if base == 0:  # torch: no gradient where 0 ** exponent is flat (exponent >= 0)
            from engine.ops.select import where

            return (g * where(exponent >= 0, 0.0, r * log_base),)
        return (g * (r * log_base),)


def _int_power_tensor(base: np.ndarray, exponent: np.ndarray) -> np.ndarray:
    """Integer powers with an integer tensor exponent, as torch's kernel: a negative exponent
    gives 1 for a base of 1, +-1 for -1, and 0 otherwise (numpy refuses them)."""
    negative = exponent < 0
    if not negative.any():
        return np.asarray(np.power(base, exponent))
    out = np.power(base, np.where(negative, 0, exponent))
    odd = (exponent % 2).astype(bool)
    small = np.where(base == 1, 1, np.where(base == -1, np.where(odd, -1, 1), 0))
    return np.asarray(np.where(negative, small, out).astype(out.dtype))


def _pow_number_base(base, b, bd):
    if bd.dtype.kind == "f":
        out = np.power(float(base), bd, dtype=F64).astype(bd.dtype)
    else:
        out = _int_power_tensor(np.asarray(base, dtype=bd.dtype), bd)
    t = record(PowBackward2, np.asarray(out), (b,))
    if t.grad_fn is not None:
        t.grad_fn.save(base, t, b)
    return t


def rpow(tensor, number):
    return pow_tensor(number, tensor)


def pow(a, b):  # noqa: A001 - torch.pow
    if a.__class__ is Tensor and (b.__class__ is int or b.__class__ is float):
        return pow_scalar(a, b)
    a = scalar_or_tensor(a)
    b = scalar_or_tensor(b)
    if hasattr(a, "_data") and not hasattr(b, "_data"):
        return pow_scalar(a, b)
    return pow_tensor(a, b)


def square(x):
    return pow_scalar(x, 2)


class Atan2Backward0(Node):
    def backward(self, g):
        from engine.ops.select import where

        y, x = self.saved
        nxt = self._next
        denom = x * x + y * y
        # torch's atan2_backward: 1/denom taken as 0 at the origin (no nan there)
        recip = where(denom == 0, 0.0, 1 / where(denom == 0, 1.0, denom))
        return ((g * x * recip if nxt[0] is not None else None),
                (g * -y * recip if nxt[1] is not None else None))


def atan2(y, x) -> Tensor:
    """The angle of the point (x, y), elementwise, in (-pi, pi] (integers give floats)."""
    y, x, yd, xd = binary(tensor_of(y), tensor_of(x))
    rt = float_dtype(yd.dtype)
    out = np.arctan2(yd, xd, dtype=F64).astype(rt)
    return record(Atan2Backward0, out, (y, x), (y, x))


class LerpBackward0(Node):
    """A number weight."""

    def backward(self, g):
        w = self.args
        nxt = self._next
        return (g * (1 - w) if nxt[0] is not None else None,
                g * w if nxt[1] is not None else None)


class LerpBackward1(Node):
    """A tensor weight: it gets a gradient too."""

    def backward(self, g):
        start, end, w = self.saved
        nxt = self._next
        return (g * (1 - w) if nxt[0] is not None else None,
                g * w if nxt[1] is not None else None,
                g * (end - start) if nxt[2] is not None else None)


def lerp(start, end, weight) -> Tensor:
    """start + weight * (end - start), rounded as torch's kernel (a fused multiply-add, from
    `end` backwards when |weight| >= 0.5, which keeps lerp(a, b, 1) exactly b)."""
    start, end = tensor_of(start), tensor_of(end)
    _check_same_dtype(start, end, "end")
    sd, ed = start._data, end._data
    number = not hasattr(weight, "_data")
    if number:
        wd = np.asarray(weight, dtype=sd.dtype)
    else:
        if weight._data.ndim:  # a 0-dim weight is taken as a number, whatever its dtype
            _check_same_dtype(start, weight, "weight")
        wd = weight._data.astype(sd.dtype, copy=False)
    # end - start rounded to the dtype, then the multiply-add rounded once: float32's fma
    diff = (ed - sd).astype(F64)
    w64 = wd.astype(F64)
    small = sd + w64 * diff
    large = ed - diff * (1 - wd).astype(F64)
    out = np.asarray(np.where(np.abs(wd) < 0.5, small, large), dtype=sd.dtype)
    if number:
        return record(LerpBackward0, out, (start, end), None, weight)
    return record(LerpBackward1, out, (start, end, weight), (start, end, weight))


def _check_same_dtype(start, other, name: str) -> None:
    if other._data.dtype != start._data.dtype:
        raise RuntimeError(f"expected dtype {_c_name(start)} for `{name}` but got dtype "
                           f"{_c_name(other)}")


def _c_name(t) -> str:
    return {"float32": "float", "float64": "double", "int64": "long int", "float16": "c10::Half",
            "int32": "int"}.get(t._data.dtype.name, t._data.dtype.name)
