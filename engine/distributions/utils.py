"""torch.distributions.utils: parameter broadcasting, probs <-> logits, lazily computed
parameters, and the engine's random draws for sampling."""
from __future__ import annotations

from functools import update_wrapper
from typing import Any, Callable, Sequence

import numpy as np

import engine
from engine.nn import functional as F
from engine.tensor import Tensor

euler_constant = 0.57721566490153286060  # Euler-Mascheroni constant

__all__ = ["broadcast_all", "clamp_probs", "lazy_property", "logits_to_probs", "probs_to_logits"]

_NUMBERS = (int, float)


def is_number(x: Any) -> bool:
    return isinstance(x, _NUMBERS) and not isinstance(x, bool) or isinstance(x, np.generic)


def broadcast_all(*values) -> tuple[Tensor, ...]:
    """Tensors of one broadcast shape; numbers become tensors of the first tensor's dtype (the
    default dtype when all are numbers)."""
    if not all(isinstance(v, Tensor) or is_number(v) for v in values):
        raise ValueError("Input arguments must all be instances of Number, torch.Tensor or objects "
                         "implementing __torch_function__.")
    if not all(isinstance(v, Tensor) for v in values):
        dtype = engine.get_default_dtype()
        for value in values:
            if isinstance(value, Tensor):
                dtype = value.dtype
                break
        values = tuple(v if isinstance(v, Tensor) else engine.tensor(float(v), dtype=dtype)
                       for v in values)
    return tuple(engine.broadcast_tensors(*values))


def standard_normal(shape: Sequence[int], dtype) -> Tensor:
    """N(0, 1) draws of `shape` from the engine's default generator, drawn as PyTorch draws
    them (an empty tensor filled by normal_)."""
    return engine.empty(tuple(shape), dtype=dtype).normal_()


def numpy_generator() -> np.random.Generator:
    """A numpy generator seeded from the engine's default stream, for the draws PyTorch makes
    with kernels the engine does not replicate (gamma, Poisson, binomial, multinomial,
    exponential): torch.manual_seed still makes them reproducible, not equal to PyTorch's."""
    return np.random.default_rng(engine.randint(0, 2 ** 31 - 1, (4,)).tolist())


def sum_rightmost(value: Tensor, dim: int) -> Tensor:
    """Sum out the `dim` rightmost dims."""
    if dim == 0:
        return value
    return value.reshape(tuple(value.shape[:-dim]) + (-1,)).sum(-1)


def logits_to_probs(logits: Tensor, is_binary: bool = False) -> Tensor:
    if is_binary:
        return engine.sigmoid(logits)
    return F.softmax(logits, dim=-1)


def clamp_probs(probs: Tensor) -> Tensor:
    """Probabilities kept eps away from 0 and 1, so their logs stay finite."""
    eps = engine.finfo(probs.dtype).eps
    return probs.clamp(min=eps, max=1 - eps)


def probs_to_logits(probs: Tensor, is_binary: bool = False) -> Tensor:
    ps_clamped = clamp_probs(probs)
    if is_binary:
        return engine.log(ps_clamped) - engine.log1p(-ps_clamped)
    return engine.log(ps_clamped)


class lazy_property:
    """A parameter computed from another on first access, then stored on the instance
    (Bernoulli's `logits` from `probs`); computed with grad enabled, so it stays in the graph."""

    def __init__(self, wrapped: Callable[[Any], Any]) -> None:
        self.wrapped = wrapped
        update_wrapper(self, wrapped)  # type: ignore[arg-type]

    def __get__(self, instance: Any, obj_type: Any = None) -> Any:
        if instance is None:
            return self
        with engine.enable_grad():
            value = self.wrapped(instance)
        setattr(instance, self.wrapped.__name__, value)
        return value
