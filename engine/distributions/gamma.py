"""torch.distributions.Gamma, and the standard-gamma draw with its implicit reparameterisation
gradient (which Dirichlet and Beta samples also use)."""
from __future__ import annotations

import numpy as np

import engine
from engine.autograd.node import Node
from engine.distributions import constraints
from engine.distributions.exp_family import ExponentialFamily
from engine.distributions.utils import broadcast_all, is_number, numpy_generator
from engine.ops.special_functions import _incomplete_gamma, _lgamma_np
from engine.tensor import Size, Tensor, record, wrap

__all__ = ["Gamma"]

def standard_gamma_grad(x: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """dx/dalpha of a Gamma(alpha, 1) draw x, holding its CDF fixed (implicit
    reparameterisation): -dP(alpha, x)/dalpha / density(x). The alpha-derivative of P is a
    central difference in float64, ample for float32 and float64 gradients' use in SGD."""
    a = np.asarray(alpha, dtype=np.float64)
    v = np.maximum(np.asarray(x, dtype=np.float64), 1e-300)
    series = v < a + 1
    h = 1e-5 * np.maximum(a, 1e-3)
    dp = (_incomplete_gamma(a + h, v, series) - _incomplete_gamma(a - h, v, series)) / (2 * h)
    dp = np.where(series, dp, -dp)  # Q = 1 - P
    density = np.exp((a - 1) * np.log(v) - v - _lgamma_np(a))
    return -dp / density


class StandardGammaBackward0(Node):
    def backward(self, g):
        x, alpha = self.saved
        return (g * wrap(standard_gamma_grad(x._data, alpha._data).astype(x._data.dtype)),)


def standard_gamma(concentration: Tensor) -> Tensor:
    """Gamma(concentration, 1) draws of the concentration's shape, differentiable with respect
    to it (torch._standard_gamma)."""
    d = concentration._data
    out = np.asarray(numpy_generator().standard_gamma(d.astype(np.float64))).astype(d.dtype)
    out = np.maximum(out, np.finfo(d.dtype).tiny)  # never exactly 0, as PyTorch clamps
    t = record(StandardGammaBackward0, out, (concentration,))
    if t.grad_fn is not None:
        t.grad_fn.save(t.detach(), concentration.detach())
    return t


class Gamma(ExponentialFamily):
    """The gamma distribution with shape `concentration` and inverse scale `rate`."""

    arg_constraints = {"concentration": constraints.positive, "rate": constraints.positive}
    support = constraints.nonnegative
    has_rsample = True
    _mean_carrier_measure = 0

    def __init__(self, concentration, rate, validate_args=None) -> None:
        self.concentration, self.rate = broadcast_all(concentration, rate)
        batch_shape = (Size() if is_number(concentration) and is_number(rate)
                       else self.concentration.size())
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape, _instance=None) -> "Gamma":
        new = self._get_checked_instance(Gamma, _instance)
        batch_shape = Size(batch_shape)
        new.concentration = self.concentration.expand(batch_shape)
        new.rate = self.rate.expand(batch_shape)
        super(Gamma, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    @property
    def mean(self) -> Tensor:
        return self.concentration / self.rate

    @property
    def mode(self) -> Tensor:
        return ((self.concentration - 1) / self.rate).clamp(min=0)

    @property
    def variance(self) -> Tensor:
        return self.concentration / self.rate.pow(2)

    def rsample(self, sample_shape=Size()) -> Tensor:
        shape = self._extended_shape(sample_shape)
        value = standard_gamma(self.concentration.expand(shape)) / self.rate.expand(shape)
        np.maximum(value._data, np.finfo(value._data.dtype).tiny, out=value._data)
        return value

    def cdf(self, value) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        return engine.special.gammainc(self.concentration, self.rate * value)

    def log_prob(self, value) -> Tensor:
        value = engine.as_tensor(value, dtype=self.rate.dtype)
        if self._validate_args:
            self._validate_sample(value)
        return (engine.xlogy(self.concentration, self.rate)
                + engine.xlogy(self.concentration - 1, value)
                - self.rate * value - engine.lgamma(self.concentration))

    def entropy(self) -> Tensor:
        return (self.concentration - engine.log(self.rate) + engine.lgamma(self.concentration)
                + (1.0 - self.concentration) * engine.digamma(self.concentration))

    @property
    def _natural_params(self) -> tuple:
        return (self.concentration - 1, -self.rate)

    def _log_normalizer(self, x, y) -> Tensor:
        return engine.lgamma(x + 1) + (x + 1) * engine.log(-y.reciprocal())
