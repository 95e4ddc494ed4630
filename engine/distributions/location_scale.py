"""What Normal and Laplace share: a location and a scale broadcast together, both expanded by
`expand`; the mean and the mode are the location."""
from __future__ import annotations

from engine.distributions.distribution import Distribution
from engine.distributions.utils import broadcast_all, is_number
from engine.tensor import Size, Tensor


class LocationScale:
    """A mixin placed before the Distribution base: `class Normal(LocationScale, ...)`."""

    def __init__(self, loc, scale, validate_args=None) -> None:
        self.loc, self.scale = broadcast_all(loc, scale)
        batch_shape = Size() if is_number(loc) and is_number(scale) else self.loc.size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape, _instance=None):
        cls = type(self) if _instance is None else type(_instance)
        new = self._get_checked_instance(cls, _instance)
        batch_shape = Size(batch_shape)
        new.loc = self.loc.expand(batch_shape)
        new.scale = self.scale.expand(batch_shape)
        Distribution.__init__(new, batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    @property
    def mean(self) -> Tensor:
        return self.loc

    @property
    def mode(self) -> Tensor:
        return self.loc
