"""From random words to numbers, as ATen's CPU kernels do it (TransformationHelper.h,
DistributionsHelper.h, cpu/DistributionTemplates.h), so each distribution consumes the stream
exactly as PyTorch does and lands on its bits.

- uniform float: 24 random bits (53 for float64) scaled to [0, 1), then `x * (to - from) + from`
  as one fused multiply-add;
- normal, fewer than 16 values: Box-Muller in float64 on two 53-bit uniforms, the second value
  kept for the next draw; 16 or more: uniforms for every value, then Box-Muller on blocks of 16
  (float32: AVX2 vectors with avx_mathfun's log and sincos), the last block redrawn when the
  size is not a multiple of 16;
- integers: a 32-bit word modulo the range (a 64-bit one when the range is 2**28 or more);
- randperm: Fisher-Yates with one 32-bit word per step;
- bernoulli: a uniform compared with p (float64 for a scalar p).
"""
from __future__ import annotations

import math

import numpy as np

from engine.ops.avx_mathfun import log256, sincos256
from engine.ops.vector_math import fma as fma32
from engine.ops.vector_math import fma64
from engine.random.generator import Generator

_F32, _F64 = np.float32, np.float64
_MASK24, _MASK53 = np.uint64((1 << 24) - 1), np.uint64((1 << 53) - 1)


def uniform(gen: Generator, n: int, low: float, high: float, nd: np.dtype) -> np.ndarray:
    """`tensor.uniform_(low, high)` for n values of float dtype nd."""
    if nd == _F64:
        x = (gen.words64(n) & _MASK53).astype(_F64) * 2.0 ** -53
        v = fma64(x, high - low, low)
        to, frm = _F64(high), _F64(low)
    else:  # float32, and float16 computed in float32 like ATen's opmath
        x = (gen.words32(n) & _MASK24).astype(_F32) * _F32(2.0 ** -24)
        frm, to = _F32(low), _F32(high)
        v = fma32(x, to - frm, frm).astype(nd)
        to, frm = nd.type(high), nd.type(low)
    return np.where(v == to, frm, v)  # a value rounded up to `high` wraps to `low`, as ATen


def normal(gen: Generator, n: int, mean: float, std: float, nd: np.dtype) -> np.ndarray:
    """`tensor.normal_(mean, std)` for n values of float dtype nd."""
    if n < 16:
        return np.array([_normal_double(gen, mean, std) for _ in range(n)], dtype=_F64).astype(nd)
    opmath = _F64 if nd == _F64 else _F32
    data = uniform(gen, n, 0.0, 1.0, np.dtype(opmath))
    whole = n // 16 * 16
    out = np.empty(n, dtype=opmath)
    out[:whole] = _box_muller_16(data[:whole].reshape(-1, 16), mean, std).reshape(-1)
    if n % 16:
        tail = uniform(gen, 16, 0.0, 1.0, np.dtype(opmath))
        out[n - 16:] = _box_muller_16(tail.reshape(1, 16), mean, std).reshape(-1)
    return out.astype(nd)


def _normal_double(gen: Generator, mean: float, std: float) -> float:
    value = gen.normal_cache
    if value is not None:
        gen.normal_cache = None
    else:
        u1, u2 = (gen.words64(2) & _MASK53).astype(_F64) * 2.0 ** -53
        r = math.sqrt(-2.0 * math.log1p(-u2))
        theta = 2.0 * math.pi * u1
        gen.normal_cache = r * math.sin(theta)
        value = r * math.cos(theta)
    return float(fma64(np.float64(value), std, mean))


def _box_muller_16(blocks: np.ndarray, mean: float, std: float) -> np.ndarray:
    """Each row: 8 first uniforms give the radius, 8 last the angle."""
    if blocks.dtype == _F32:
        radius = np.sqrt(_F32(-2.0) * log256(_F32(1) - blocks[:, :8]))
        sin, cos = sincos256(_F32(2.0 * math.pi) * blocks[:, 8:])
        first = fma32(radius * cos, _F32(std), _F32(mean))
        second = fma32(radius * sin, _F32(std), _F32(mean))
    else:
        u1, u2 = 1.0 - blocks[:, :8], blocks[:, 8:]
        radius = np.sqrt(-2.0 * _log(u1).astype(_F64))
        theta = 2.0 * math.pi * u2
        first = fma64(radius * _cos(theta).astype(_F64), std, mean)
        second = fma64(radius * _sin(theta).astype(_F64), std, mean)
    return np.concatenate([first, second], axis=1)


# float64 log/sin/cos as glibc computes them (numpy's SIMD versions may differ in the last bit).
_log, _sin, _cos = (np.frompyfunc(f, 1, 1) for f in (math.log, math.sin, math.cos))


def integers(gen: Generator, n: int, low: int, high: int) -> np.ndarray:
    """`random_(low, high)`: uniform integers in [low, high), as int64."""
    span = high - low
    words = gen.words64(n) if span >= 1 << 28 else gen.words32(n)
    return (words % np.uint64(span)).astype(np.int64) + low


def permutation(gen: Generator, n: int) -> np.ndarray:
    r = np.arange(n, dtype=np.int64)
    if n > 1:
        steps = gen.words32(n - 1) % np.arange(n, 1, -1, dtype=np.uint64)
        for i, z in enumerate(steps.tolist()):
            j = i + z
            r[i], r[j] = r[j], r[i]
    return r


def bernoulli_scalar(gen: Generator, n: int, p: float) -> np.ndarray:
    """`bernoulli_(p)` with a number p: 53-bit uniforms compared with p."""
    return (gen.words64(n) & _MASK53).astype(_F64) * 2.0 ** -53 < p


def bernoulli_tensor(gen: Generator, p: np.ndarray) -> np.ndarray:
    """`torch.bernoulli(p)`: one uniform per element, float64 when p is float64."""
    if p.dtype == _F64:
        u = (gen.words64(p.size) & _MASK53).astype(_F64) * 2.0 ** -53
    else:
        u = (gen.words32(p.size) & _MASK24).astype(_F32) * _F32(2.0 ** -24)
        p = p.astype(_F32)
    return u.reshape(p.shape) < p


def dtype_range(gen: Generator, n: int, nd: np.dtype) -> np.ndarray:
    """`random_()` without bounds: a word (64 bits for 64-bit dtypes) modulo one more than the
    largest integer the dtype holds exactly, or modulo 2 for bool."""
    nd = np.dtype(nd)
    if nd.kind == "b":
        modulus = 2
    elif nd.kind == "f":
        modulus = (1 << (np.finfo(nd).nmant + 1)) + 1
    else:
        modulus = int(np.iinfo(nd).max) + 1
    words = gen.words64(n) if nd.itemsize == 8 else gen.words32(n)
    if nd.kind == "b":
        return (words & np.uint64(1)).astype(np.int64)
    return (words % np.uint64(modulus)).astype(np.int64)


def exponential(gen: Generator, n: int, rate: float) -> np.ndarray:
    """`exponential_(rate)`: -log1p(-u) / rate on 53-bit uniforms, in float64."""
    u = (gen.words64(n) & _MASK53).astype(_F64) * 2.0 ** -53
    return (-1.0 / rate) * np.log1p(-u)


def categories_with_replacement(gen: Generator, probs: np.ndarray, n: int) -> np.ndarray:
    """torch.multinomial(probs, n, replacement=True) for a (rows, k) array: per row, n 53-bit
    uniforms located in the normalised cumulative distribution (summed in float64)."""
    out = np.empty((probs.shape[0], n), dtype=np.int64)
    for row, p in enumerate(np.asarray(probs, dtype=_F64)):
        cdf = np.cumsum(p)
        if cdf[-1] > 0:
            cdf /= cdf[-1]
        u = (gen.words64(n) & _MASK53).astype(_F64) * 2.0 ** -53
        out[row] = np.minimum(np.searchsorted(cdf, u, side="left"), p.size - 1)
    return out


def int64_word(gen: Generator) -> int:
    """`torch.empty((), dtype=torch.int64).random_()`: a 64-bit word modulo 2**63."""
    return int(gen.words64(1)[0] % np.uint64(1 << 63))
