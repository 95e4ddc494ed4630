"""Random tensors from one seedable generator: `manual_seed(s)` makes runs reproducible.

The streams are numpy's (PCG64), not PyTorch's: same distributions, different numbers.
"""
from __future__ import annotations

import numpy as np

from engine import dtypes
from engine.creation import size_arg
from engine.tensor import FACTORY_INT_GRAD_MESSAGE, Tensor, wrap

# numpy.random costs ~15 ms to import: the generator is created on the first random draw.
_state = {"gen": None, "seed": 0}


def _gen():
    g = _state["gen"]
    if g is None:
        g = _state["gen"] = np.random.default_rng(_state["seed"])
    return g


def manual_seed(seed: int) -> "Generator":
    _state["gen"] = None  # reseeded lazily: same stream as default_rng(seed) created now
    _state["seed"] = int(seed)
    return Generator()


seed = manual_seed


def initial_seed() -> int:
    return _state["seed"]


class Generator:
    """Handle returned by manual_seed (PyTorch returns its generator)."""

    def manual_seed(self, s: int) -> "Generator":
        return manual_seed(s)

    def initial_seed(self) -> int:
        return _state["seed"]


def _finish(arr: np.ndarray, dtype, requires_grad: bool) -> Tensor:
    nd = dtypes.default_float() if dtype is None else dtypes.to_numpy_dtype(dtype)
    t = wrap(arr.astype(nd))
    if requires_grad:
        t._set_requires_grad(True, FACTORY_INT_GRAD_MESSAGE)
    return t


def normal_array(shape: tuple, mean: float = 0.0, std: float = 1.0) -> np.ndarray:
    return _gen().normal(mean, std, size=shape)


def uniform_array(shape: tuple, low: float = 0.0, high: float = 1.0) -> np.ndarray:
    return _gen().uniform(low, high, size=shape)


def rand(*size, dtype=None, device=None, requires_grad: bool = False, generator=None) -> Tensor:
    return _finish(uniform_array(size_arg(size, "rand")), dtype, requires_grad)


def randn(*size, dtype=None, device=None, requires_grad: bool = False, generator=None) -> Tensor:
    return _finish(normal_array(size_arg(size, "randn")), dtype, requires_grad)


def rand_like(x: Tensor, dtype=None, requires_grad: bool = False) -> Tensor:
    return _finish(uniform_array(x._data.shape), dtype or x.dtype, requires_grad)


def randn_like(x: Tensor, dtype=None, requires_grad: bool = False) -> Tensor:
    return _finish(normal_array(x._data.shape), dtype or x.dtype, requires_grad)


def randint(low, high=None, size=None, dtype=None, device=None, requires_grad: bool = False,
            generator=None) -> Tensor:
    if size is None:
        low, high, size = 0, low, high
    if high is None:
        low, high = 0, low
    arr = _gen().integers(int(low), int(high), size=tuple(size))
    nd = dtypes.I64 if dtype is None else dtypes.to_numpy_dtype(dtype)
    return wrap(arr.astype(nd))


def randperm(n: int, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return wrap(_gen().permutation(int(n)).astype(dtypes.I64))


def normal(mean, std, size=None, requires_grad: bool = False) -> Tensor:
    m = mean._data if hasattr(mean, "_data") else mean
    s = std._data if hasattr(std, "_data") else std
    shape = tuple(size) if size is not None else np.broadcast_shapes(np.shape(m), np.shape(s))
    return _finish(_gen().normal(m, s, size=shape), None, requires_grad)


def bernoulli(p: Tensor) -> Tensor:
    return wrap((_gen().random(p._data.shape) < p._data).astype(p._data.dtype))
