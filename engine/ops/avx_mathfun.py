"""float32 log, sin and cos as ATen's random kernels compute them, to the bit.

`randn` (16 values or more, float32) turns uniforms into normals with Box-Muller on 8-lane AVX2
vectors, using the cephes-based `log256_ps` and `sincos256_ps` of avx_mathfun.h, which the
compiler builds with fused multiply-adds. The functions below replay them step by step (the
fusions included), which reproduces PyTorch 2.13's normals bit for bit.

avx_mathfun.h is by Giovanni Garberoglio, after Julien Pommier's sse_mathfun (zlib licence);
the constants and the order of operations below are theirs.
"""
from __future__ import annotations

import numpy as np

from engine.ops.vector_math import fma

_F32 = np.float32
_LOG_POLY = [_F32(c) for c in (7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1,
                               -1.2420140846E-1, 1.4249322787E-1, -1.6668057665E-1,
                               2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1)]
_SINCOF = [_F32(c) for c in (-1.9515295891E-4, 8.3321608736E-3, -1.6666654611E-1)]
_COSCOF = [_F32(c) for c in (2.443315711809948E-005, -1.388731625493765E-003,
                             4.166664568298827E-002)]
_MIN_NORMAL = np.array(0x00800000, np.int32).view(_F32)


def log256(x: np.ndarray) -> np.ndarray:
    """log256_ps: x = m 2^e with m in [sqrt(1/2), sqrt(2)), a degree-9 polynomial in m - 1."""
    x = np.asarray(x, _F32)
    invalid = x <= 0
    x = np.maximum(x, _MIN_NORMAL)
    bits = x.view(np.int32)
    e = ((bits.view(np.uint32) >> 23).astype(np.int32) - 0x7F).astype(_F32) + _F32(1)
    x = ((bits & np.int32(~0x7F800000)) | np.array(0.5, _F32).view(np.int32)).view(_F32)
    small = x < _F32(0.707106781186547524)
    tmp = np.where(small, x, _F32(0))
    x = x - _F32(1)
    e = e - np.where(small, _F32(1), _F32(0))
    x = x + tmp
    z = x * x
    y = np.full_like(x, _LOG_POLY[0])
    for c in _LOG_POLY[1:]:
        y = fma(y, x, c)
    y = y * x
    y = fma(y, z, e * _F32(-2.12194440e-4))
    y = fma(z, _F32(-0.5), y)
    x = fma(e, _F32(0.693359375), x + y)
    return np.where(invalid, _F32(np.nan), x)


def sincos256(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sincos256_ps: reduce by multiples of pi/4 in three exact steps, then one of two
    polynomials per lane; returns (sin x, cos x)."""
    x = np.asarray(x, _F32)
    sign_sin = np.signbit(x)
    x = np.abs(x)
    j = ((x * _F32(1.27323954473516)).astype(np.int32) + 1) & ~1
    y = j.astype(_F32)
    sign_sin = sign_sin ^ ((j & 4) != 0)
    sign_cos = ((~(j - 2)) & 4) != 0
    sin_poly_for_sin = (j & 2) == 0  # else the cosine polynomial gives sin
    x = fma(y, _F32(-0.78515625), x)
    x = fma(y, _F32(-2.4187564849853515625e-4), x)
    x = fma(y, _F32(-3.77489497744594108e-8), x)
    z = x * x
    c = fma(np.full_like(x, _COSCOF[0]), z, _COSCOF[1])
    c = fma(c, z, _COSCOF[2])
    c = fma(c * z, z, -(z * _F32(0.5))) + _F32(1)
    s = fma(np.full_like(x, _SINCOF[0]), z, _SINCOF[1])
    s = fma(s, z, _SINCOF[2])
    s = fma(s * z, x, x)
    sin = np.where(sin_poly_for_sin, s, c)
    cos = np.where(sin_poly_for_sin, c, s)
    return np.where(sign_sin, -sin, sin), np.where(sign_cos, -cos, cos)
