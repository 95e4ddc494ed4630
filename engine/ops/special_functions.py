"""Special functions PyTorch differentiates: lgamma, digamma, polygamma, mvlgamma, erfinv, i0,
and torch.special's i1, entr, xlog1py, ndtr, log_ndtr, ndtri, gammainc, gammaincc.

numpy has none of the gamma family, erfinv, i1 or the incomplete gamma, so they are evaluated
here without scipy (series, recurrences, continued fractions, Newton steps) in float64 and
rounded to the input's dtype as `_core.float_eval` does: float32 results then equal PyTorch's to
the printed digits. Where PyTorch's float32 kernel is its own float32 algorithm (digamma,
trigamma) or a composition of float32 steps (entr, xlog1py, ndtr, mvlgamma), the same steps are
taken in the dtype, so the roundings match too.
"""
from __future__ import annotations

import math

import numpy as np

from engine.autograd.node import Node
from engine.ops._core import (
    F64, RESULT, Tensor, float_dtype, float_eval, record, tensor_of,
)

_SQRT_2PI = math.sqrt(2.0 * math.pi)
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


def _f64(d) -> np.ndarray:
    return np.asarray(d, dtype=F64)


def _float_tensor(x) -> tuple[Tensor, np.ndarray]:
    """The operand and its data in the float dtype the function computes in."""
    x = tensor_of(x)
    d = x._data
    if d.dtype.kind != "f":
        d = d.astype(float_dtype(d.dtype))
    return x, d


# ---------------------------------------------------------------- lgamma

def _lgamma_math(v: float) -> float:
    try:
        return math.lgamma(v)
    except ValueError:  # poles at 0, -1, -2...: torch returns inf
        return math.inf


_lgamma_vec = np.vectorize(_lgamma_math, otypes=[F64])


def _lgamma_np(d, out=None, dtype=None) -> np.ndarray:
    d = _f64(d)
    return _lgamma_vec(d) if d.size else d.copy()


class LgammaBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * digamma(x),)


def lgamma(input) -> Tensor:
    """log |Gamma(input)|, inf at the poles (0, -1, -2, ...)."""
    x, d = _float_tensor(input)
    return record(LgammaBackward0, float_eval(_lgamma_np, _lgamma_math, d), (x,), (x,))


# ---------------------------------------------------------------- digamma

_PSI_10 = 2.25175258906672110764
# Asymptotic series of digamma in 1/x^2 (cephes psi, as PyTorch's calc_digamma), highest first.
_PSI_A = (8.33333333333333333333E-2, -2.10927960927960927961E-2, 7.57575757575757575758E-3,
          -4.16666666666666666667E-3, 3.96825396825396825397E-3, -8.33333333333333333333E-3,
          8.33333333333333333333E-2)


def _digamma_positive(x: np.ndarray) -> np.ndarray:
    """digamma for x > 0: recurrence up to x >= 10, then the asymptotic series. Computed in x's
    dtype as PyTorch's calc_digamma overloads are (its float32 one rounds each step)."""
    t = x.dtype.type
    x = x.copy()
    acc = np.zeros_like(x)
    low = x < 10
    while low.any():
        acc[low] -= t(1) / x[low]
        x[low] += t(1)
        low = x < 10
    z = t(1) / (x * x)
    poly = np.zeros_like(x)
    for c in _PSI_A:
        poly = poly * z + t(c)
    tail = np.where(x < t(1e17), z * poly, t(0))
    logx = np.log(x.astype(F64)).astype(x.dtype)
    return np.where(x == 10, acc + t(_PSI_10), acc + logx - t(0.5) / x - tail)


def _digamma_np(d) -> np.ndarray:
    x = np.asarray(d)
    out = np.empty_like(x)
    pos = x > 0
    out[pos] = _digamma_positive(x[pos])
    neg = x < 0
    if neg.any():
        xn = x[neg]
        # tan of pi times the fractional part (in float64): pi * x loses accuracy when |x| > 1
        frac = np.fmod(xn, 1.0).astype(F64)
        with np.errstate(divide="ignore", invalid="ignore"):
            cot = (math.pi / np.tan(math.pi * frac)).astype(x.dtype)
            reflected = _digamma_positive(x.dtype.type(1) - xn) - cot
        out[neg] = np.where(xn == np.trunc(xn), np.nan, reflected)
    zero = x == 0
    out[zero] = np.copysign(np.inf, -x[zero])  # +-0 -> -+inf, as C++'s and scipy's digamma
    out[np.isnan(x)] = np.nan
    return out


def _trigamma_np(d) -> np.ndarray:
    """PyTorch's calc_trigamma, in d's dtype: reflection below 1/2, six recurrence steps, then
    the asymptotic series."""
    x = np.asarray(d).copy()
    t = x.dtype.type
    small = x < t(0.5)
    sin_pi_x = np.sin((t(math.pi) * x).astype(F64)).astype(x.dtype)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        acc = np.where(small, -(t(math.pi) * t(math.pi)) / (sin_pi_x * sin_pi_x), t(0))
        x = np.where(small, t(1) - x, x)
        for _ in range(6):
            acc = acc + t(1) / (x * x)
            x = x + t(1)
        ixx = t(1) / (x * x)
        acc = acc + (t(1) + t(1) / (t(2) * x)
                     + ixx * (t(1 / 6) - ixx * (t(1 / 30) - ixx * t(1 / 42)))) / x
    return np.where(small, -acc, acc)


class DigammaBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * polygamma(1, x),)


def digamma(input) -> Tensor:
    """The logarithmic derivative of the gamma function; -inf at 0, nan at negative integers."""
    x, d = _float_tensor(input)
    return record(DigammaBackward0, _digamma_np(d), (x,), (x,))


# ---------------------------------------------------------------- polygamma (Hurwitz zeta)

# Euler-Maclaurin coefficients (2k)! / B_2k of cephes zeta, which PyTorch's zeta is.
_ZETA_A = (12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9,
           7.47242496e10, -2.950130727918164224e12, 1.1646782814350067249e14,
           -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18)
_MACHEP = 1.11022302462515654042e-16


def _zeta_scalar(s: float, q: float) -> float:
    """Hurwitz zeta sum_k (q + k)^-s for integer s > 1 (cephes zeta's algorithm)."""
    if math.isnan(q):
        return math.nan
    if q <= 0 and q == math.floor(q):
        return math.inf
    if q > 1e8:
        return (1 / (s - 1) + 1 / (2 * q)) * q ** (1 - s)
    total = q ** -s
    a = q
    i = 0
    b = 0.0
    while i < 9 or a <= 9.0:
        i += 1
        a += 1.0
        b = a ** -s
        total += b
        if abs(b / total) < _MACHEP:
            return total
    w = a
    total += b * w / (s - 1.0)
    total -= 0.5 * b
    fac = 1.0
    k = 0.0
    for coef in _ZETA_A:
        fac *= s + k
        b /= w
        t = fac * b / coef
        total += t
        if abs(t / total) < _MACHEP:
            break
        k += 1.0
        fac *= s + k
        b /= w
        k += 1.0
    return total


_zeta_vec = np.vectorize(_zeta_scalar, otypes=[F64])


def _polygamma_np(n: int, d: np.ndarray) -> np.ndarray:
    if n == 0:
        return _digamma_np(d)
    if n == 1:
        return _trigamma_np(d)
    if not d.size:
        return d.copy()
    sign = 1.0 if n % 2 else -1.0
    with np.errstate(over="ignore", invalid="ignore"):
        out = sign * math.factorial(n) * _zeta_vec(float(n + 1), _f64(d))
    return out.astype(d.dtype)


class PolygammaBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * polygamma(self.args + 1, x),)


def polygamma(n: int, input) -> Tensor:
    """The n-th derivative of digamma."""
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    x, d = _float_tensor(input)
    return record(PolygammaBackward0, np.asarray(_polygamma_np(n, d)), (x,), (x,), n)


# ---------------------------------------------------------------- mvlgamma

class MvlgammaBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        p = self.args
        offsets = tensor_of(np.arange(-(p - 1) * 0.5, 0.5, 0.5).astype(x._data.dtype))
        return (g * digamma(x.unsqueeze(-1) + offsets).sum(-1),)


def mvlgamma(input, p: int) -> Tensor:
    """Multivariate log-gamma of dimension p: sum_i lgamma(a - i/2) + p(p-1)/4 log(pi)."""
    x, d = _float_tensor(input)
    if p < 1:
        raise RuntimeError("p has to be greater than or equal to 1")
    # a - (p-1)/2, ..., a - 1/2, a: PyTorch adds arange(-(p-1)/2, 1/2, 1/2) to a in the dtype,
    # takes lgamma and sums in the dtype
    args = np.add(d[..., None], np.arange(-(p - 1) * 0.5, 0.5, 0.5).astype(d.dtype))
    terms = float_eval(_lgamma_np, None, args)
    out = np.sum(terms, axis=-1) + d.dtype.type(p * (p - 1) * math.log(math.pi) * 0.25)
    return record(MvlgammaBackward0, np.asarray(out, dtype=d.dtype), (x,), (x,), p)


# ---------------------------------------------------------------- erfinv, ndtri

_erf_vec = np.vectorize(math.erf, otypes=[F64])
_erfc_vec = np.vectorize(math.erfc, otypes=[F64])


def _giles(w: np.ndarray) -> np.ndarray:
    """Giles' single-precision erfinv(y) / y as a function of w = -log(1 - y^2)."""
    central = w - 2.5
    p = np.full_like(w, 2.81022636e-08)
    for c in (3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503,
              -0.00417768164, 0.246640727, 1.50140941):
        p = p * central + c
    tail = np.sqrt(w) - 3.0
    q = np.full_like(w, -0.000200214257)
    for c in (0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
              0.00943887047, 1.00167406, 2.83297682):
        q = q * tail + c
    return np.where(w < 5.0, p, q)


def _erfinv_abs(a: np.ndarray, q: np.ndarray) -> np.ndarray:
    """erfinv(a) for 0 <= a < 1, given q = 1 - a exactly (callers near 1 know q better than a).

    Giles' approximation (~1e-7 relative; beyond its range, the leading terms of erfc's
    asymptotic series), then Newton steps on erf, or on log erfc near 1 where erf(x) - a would
    cancel, bring it to float64 accuracy."""
    w = -np.log(q * (2.0 - q))
    far = w > 16.0  # beyond float32's range of Giles' fit
    lq = -np.log(q)
    x = np.where(far, np.sqrt(np.maximum(lq - 0.5 * math.log(math.pi) - 0.5 * np.log(lq), 1.0)),
                 _giles(w) * a)
    near_one = a >= 0.5
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        for _ in range(4):
            e = np.exp(-x * x)
            erfc_x = _erfc_vec(x)
            step_tail = (np.log(erfc_x) + lq) / (-_TWO_OVER_SQRT_PI * e / erfc_x)
            step_mid = (_erf_vec(x) - a) / (_TWO_OVER_SQRT_PI * e)
            step = np.where(near_one, step_tail, step_mid)
            x = x - np.where(np.isfinite(step), step, 0.0)
    return x


def _erfinv_np(d, out=None, dtype=None) -> np.ndarray:
    y = _f64(d)
    a = np.abs(y)
    inside = a < 1
    out = np.where(a == 1, np.inf, np.nan)
    if inside.any():
        ai = a[inside]
        out[inside] = _erfinv_abs(ai, 1.0 - ai)
    return np.copysign(out, y)


class ErfinvBackward0(Node):
    def backward(self, g):
        (r,) = self.saved
        return (g * (math.sqrt(math.pi) / 2) * (r * r).exp(),)


def erfinv(input) -> Tensor:
    """The inverse of erf on (-1, 1); +-inf at +-1, nan outside."""
    x, d = _float_tensor(input)
    return record(ErfinvBackward0, float_eval(_erfinv_np, None, d), (x,), RESULT)


def _ndtri_np(d, out=None, dtype=None) -> np.ndarray:
    p = _f64(d)
    out = np.where(p == 0, -np.inf, np.where(p == 1, np.inf, np.nan))
    low = (p > 0) & (p < 0.5)
    if low.any():  # 2p is exact: erfcinv(2p) keeps its accuracy down to the smallest p
        q = 2.0 * p[low]
        out[low] = -math.sqrt(2.0) * _erfinv_abs(1.0 - q, q)
    high = (p >= 0.5) & (p < 1)
    if high.any():
        a = 2.0 * p[high] - 1.0
        out[high] = math.sqrt(2.0) * _erfinv_abs(a, 1.0 - a)
    return out


class SpecialNdtriBackward0(Node):
    def backward(self, g):
        (r,) = self.saved
        return (g * _SQRT_2PI * (r * r / 2).exp(),)


def ndtri(input) -> Tensor:
    """The standard normal quantile function: the inverse of ndtr."""
    x, d = _float_tensor(input)
    return record(SpecialNdtriBackward0, float_eval(_ndtri_np, None, d), (x,), RESULT)


# ---------------------------------------------------------------- ndtr, log_ndtr

class MulBackward1(Node):
    """Tensor times a number, in PyTorch's composite ops (ndtr's final `* 0.5`)."""

    def backward(self, g):
        return (g * self.args,)


def ndtr(input) -> Tensor:
    """The standard normal CDF, as PyTorch composes it: (1 + erf(x / sqrt(2))) * 0.5."""
    from engine.ops.unary import erf

    x, d = _float_tensor(input)
    if d is not x._data:
        x = tensor_of(d)
    s = erf(x * (1 / math.sqrt(2.0))) + 1
    return record(MulBackward1, np.multiply(s._data, s._data.dtype.type(0.5)), (s,), None, 0.5)


_LOG_SQRT_2PI = math.log(_SQRT_2PI)


def _log_ndtr_np(d, out=None, dtype=None) -> np.ndarray:
    x = _f64(d)
    t = x / math.sqrt(2.0)
    far = x < -20  # erfc underflows: log of the asymptotic series of the Mills ratio
    with np.errstate(divide="ignore", invalid="ignore"):
        mid = np.log(0.5 * _erfc_vec(-t)) if x.size else x.copy()
        high = np.log1p(-0.5 * _erfc_vec(t)) if x.size else x.copy()
        inv2 = 1.0 / (x * x)
        series = np.ones_like(x)
        term = np.ones_like(x)
        for k in range(1, 9):
            term = -term * (2 * k - 1) * inv2
            series += term
        asym = -0.5 * x * x - np.log(-x) - _LOG_SQRT_2PI + np.log(series)
    return np.where(far, asym, np.where(x < -1, mid, high))


class SpecialLogNdtrBackward0(Node):
    def backward(self, g):
        x, r = self.saved
        return (g / _SQRT_2PI * (-(r + x * x / 2)).exp(),)


def log_ndtr(input) -> Tensor:
    """log of the standard normal CDF, accurate far into the left tail."""
    x, d = _float_tensor(input)
    t = record(SpecialLogNdtrBackward0, float_eval(_log_ndtr_np, None, d), (x,))
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


# ---------------------------------------------------------------- entr, xlog1py

class SpecialEntrBackward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * -(x.log() + 1),)


def entr(input) -> Tensor:
    """-x log x elementwise: 0 at 0, -inf for negative x."""
    x, d = _float_tensor(input)
    logx = float_eval(np.log, None, np.where(d > 0, d, d.dtype.type(1)))
    out = np.where(d > 0, -d * logx, np.where(d == 0, d.dtype.type(0), d.dtype.type(-np.inf)))
    out = np.where(np.isnan(d), d, out)
    return record(SpecialEntrBackward0, np.asarray(out, dtype=d.dtype), (x,), (x,))


class SpecialXlog1PyBackward0(Node):
    """Both operands tensors (...Backward1: a number `self`, ...Backward2: a number `other`).
    Unlike xlogy's, the rule for `self` does not zero where self is 0 (as PyTorch's)."""

    def backward(self, g):
        x, y = self.saved
        nxt = self._next
        gx = g * y.log1p() if nxt[0] is not None else None
        gy = g * x / (y + 1) if len(nxt) > 1 and nxt[1] is not None else None
        return gx, gy


class SpecialXlog1PyBackward1(Node):
    def backward(self, g):
        x, y = self.saved
        return (g * x / (y + 1),)


class SpecialXlog1PyBackward2(Node):
    def backward(self, g):
        return (g * math.log1p(self.args),)


def xlog1py(input, other) -> Tensor:
    """input * log1p(other), 0 where input is 0 (unless other is nan)."""
    from engine.ops.unary import _float_operands

    number_x = not hasattr(input, "_data")
    number_y = not hasattr(other, "_data")
    a, b, ad, bd, rt = _float_operands(input, other, None)
    log1py = np.log1p(bd.astype(F64)).astype(rt)
    out = np.where(np.isnan(bd), rt.type(np.nan), np.where(ad == 0, rt.type(0), ad * log1py))
    out = np.asarray(out, dtype=rt)
    if number_x:
        return record(SpecialXlog1PyBackward1, out, (b,), (input, b))
    if number_y:
        return record(SpecialXlog1PyBackward2, out, (a,), None, float(other))
    return record(SpecialXlog1PyBackward0, out, (a, b), (a, b))


# ---------------------------------------------------------------- regularised incomplete gamma

_TINY = 1e-300


def _incomplete_gamma(a: np.ndarray, x: np.ndarray, series: np.ndarray) -> np.ndarray:
    """The regularised lower incomplete gamma P(a, x) where `series`, else the upper Q(a, x):
    the power series converges fast for x < a + 1, the continued fraction (modified Lentz)
    beyond; each is returned where it is computed without cancellation."""
    out = np.empty_like(x)
    prefix = np.exp(a * np.log(x) - x - _lgamma_np(a))
    if series.any():
        a_s, x_s = a[series], x[series]
        ap = a_s.copy()
        term = 1.0 / a_s
        total = term.copy()
        for _ in range(1000):
            ap += 1.0
            term = term * x_s / ap
            total += term
            if np.all(np.abs(term) < np.abs(total) * 1e-17):
                break
        out[series] = total * prefix[series]
    cont = ~series
    if cont.any():
        a_c, x_c = a[cont], x[cont]
        b = x_c + 1.0 - a_c
        c = np.full_like(b, 1.0 / _TINY)
        d = 1.0 / b
        h = d.copy()
        for i in range(1, 1000):
            an = -i * (i - a_c)
            b = b + 2.0
            d = an * d + b
            d = np.where(np.abs(d) < _TINY, _TINY, d)
            c = b + an / c
            c = np.where(np.abs(c) < _TINY, _TINY, c)
            d = 1.0 / d
            delta = d * c
            h = h * delta
            if np.all(np.abs(delta - 1.0) < 1e-16):
                break
        out[cont] = h * prefix[cont]
    return out


def _gammainc_np(a: np.ndarray, x: np.ndarray, upper: bool) -> np.ndarray:
    """P(a, x) (or Q(a, x) when `upper`) for a > 0, x >= 0 in float64, with the edge values of
    PyTorch's igamma/igammac (nan outside the domain, the limits at x = 0 and x = inf)."""
    a, x = np.broadcast_arrays(_f64(a), _f64(x))
    out = np.full(a.shape, np.nan)
    ok = (a > 0) & (x > 0) & np.isfinite(x) & np.isfinite(a)
    if ok.any():
        series = x[ok] < a[ok] + 1
        first = _incomplete_gamma(a[ok], x[ok], series)
        # first is P where series, else Q
        out[ok] = np.where(series == upper, 1.0 - first, first)
    at_zero = (x == 0) & (a > 0)
    out[at_zero] = 1.0 if upper else 0.0
    at_inf = np.isinf(x) & (x > 0) & (a >= 0)
    out[at_inf] = 0.0 if upper else 1.0
    out[(a == 0) & (x > 0)] = 0.0 if upper else 1.0  # the limit a -> 0+
    return out


class IgammaBackward0(Node):
    """P's derivative in x is the Gamma(a, 1) density (IgammacBackward0: Q's, its negative);
    PyTorch has none in a."""

    def backward(self, g):
        a, x = self.saved
        if self._next[0] is not None:
            op = "igammac" if self.args < 0 else "igamma"
            raise NotImplementedError(f"the derivative for '{op}: input' is not implemented.")
        return None, g * self.args * ((a - 1) * x.log() - x - lgamma(a)).exp()


class IgammacBackward0(IgammaBackward0):
    pass


def _igamma(a, x, upper: bool) -> Tensor:
    from engine.ops.unary import _float_operands

    a, x, ad, xd, rt = _float_operands(a, x, None)
    out = _gammainc_np(ad, xd, upper).astype(rt)
    node = IgammacBackward0 if upper else IgammaBackward0
    return record(node, out, (a, x), (a, x), -1.0 if upper else 1.0)


def gammainc(input, other) -> Tensor:
    """The regularised lower incomplete gamma function P(input, other); differentiable in
    `other` only, as in PyTorch."""
    return _igamma(input, other, False)


def gammaincc(input, other) -> Tensor:
    """The regularised upper incomplete gamma function Q(input, other) = 1 - P."""
    return _igamma(input, other, True)


# ---------------------------------------------------------------- modified Bessel i0, i1

def _i0_np(d, out=None, dtype=None) -> np.ndarray:
    return np.i0(_f64(d))


def _i1_np(d, out=None, dtype=None) -> np.ndarray:
    """I1 by its power series sum (x/2)^(2k+1) / (k! (k+1)!): every term has x's sign, so
    the sum does not cancel; terms stop mattering after about |x|/2 + 10 sqrt|x| of them."""
    x = _f64(d)
    if not x.size:
        return x.copy()
    big = float(np.nanmax(np.abs(np.where(np.isinf(x), 0.0, x))))
    n = int(big / 2 + 10 * math.sqrt(big) + 20)
    half_sq = (x / 2) ** 2
    term = x / 2
    total = term.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(n):
            term = term * half_sq / ((k + 1) * (k + 2))
            total += term
    return np.where(np.isinf(x), x, total)


class I0Backward0(Node):
    def backward(self, g):
        (x,) = self.saved
        return (g * i1(x),)


def i0(input) -> Tensor:
    """The modified Bessel function of the first kind, order 0."""
    x, d = _float_tensor(input)
    return record(I0Backward0, float_eval(_i0_np, None, d), (x,), (x,))


class SpecialI1Backward0(Node):
    def backward(self, g):
        from engine.ops.select import where

        (x,) = self.saved
        r = i1(x)
        # I1' = I0 - I1 / x, 1/2 at 0
        return (g * where(x == 0, 0.5, i0(x) - r / x),)


def i1(input) -> Tensor:
    """The modified Bessel function of the first kind, order 1."""
    x, d = _float_tensor(input)
    return record(SpecialI1Backward0, float_eval(_i1_np, None, d), (x,), (x,))
