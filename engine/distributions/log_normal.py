"""torch.distributions.LogNormal: exp of a Normal. PyTorch builds it as a transformed
distribution; the engine writes out the same computations (log_prob = base log_prob at log x
minus the log-Jacobian log x)."""
from __future__ import annotations

from engine.distributions import constraints
from engine.distributions.distribution import Distribution
from engine.distributions.normal import Normal
from engine.tensor import Size, Tensor

__all__ = ["LogNormal"]


class LogNormal(Distribution):
    """X = exp(Y) with Y ~ Normal(loc, scale)."""

    arg_constraints = {"loc": constraints.real, "scale": constraints.positive}
    support = constraints.positive
    has_rsample = True

    def __init__(self, loc, scale, validate_args=None) -> None:
        self.base_dist = Normal(loc, scale, validate_args=validate_args)
        super().__init__(self.base_dist.batch_shape, validate_args=validate_args)

    def expand(self, batch_shape, _instance=None) -> "LogNormal":
        new = self._get_checked_instance(LogNormal, _instance)
        batch_shape = Size(batch_shape)
        new.base_dist = self.base_dist.expand(batch_shape)
        super(LogNormal, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    @property
    def loc(self) -> Tensor:
        return self.base_dist.loc

    @property
    def scale(self) -> Tensor:
        return self.base_dist.scale

    @property
    def mean(self) -> Tensor:
        return (self.loc + self.scale.pow(2) / 2).exp()

    @property
    def mode(self) -> Tensor:
        return (self.loc - self.scale.square()).exp()

    @property
    def variance(self) -> Tensor:
        scale_sq = self.scale.pow(2)
        return scale_sq.expm1() * (2 * self.loc + scale_sq).exp()

    def rsample(self, sample_shape=Size()) -> Tensor:
        return self.base_dist.rsample(sample_shape).exp()

    def sample(self, sample_shape=Size()) -> Tensor:
        return self.base_dist.sample(sample_shape).exp()

    def log_prob(self, value) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        x = value.log()
        return (0.0 - x) + self.base_dist.log_prob(x)

    def cdf(self, value) -> Tensor:
        x = value.log()
        if self._validate_args:
            self.base_dist._validate_sample(x)
        return self.base_dist.cdf(x)

    def icdf(self, value) -> Tensor:
        return self.base_dist.icdf(value).exp()

    def entropy(self) -> Tensor:
        return self.base_dist.entropy() + self.loc
