"""Rprop (resilient backpropagation) in torch's single-tensor order."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .optimizer import Optimizer, buffer, store


class Rprop(Optimizer):
    """Each weight moves by its own step size against its gradient's sign; the step grows
    (etaplus) while the sign holds, shrinks (etaminus) when it flips, and a flipped gradient is
    skipped for one step. Full-batch training only: the gradient's size is ignored."""

    def __init__(self, params: Iterable[Any], lr: float = 1e-2,
                 etas: tuple[float, float] = (0.5, 1.2),
                 step_sizes: tuple[float, float] = (1e-6, 50), *, capturable: bool = False,
                 foreach: bool | None = None, maximize: bool = False,
                 differentiable: bool = False) -> None:
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        super().__init__(params, dict(lr=lr, etas=etas, step_sizes=step_sizes, foreach=foreach,
                                      maximize=maximize, differentiable=differentiable,
                                      capturable=capturable))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        etaminus, etaplus = group["etas"]
        step_size_min, step_size_max = group["step_sizes"]
        dtype = value.dtype.type
        step_t = buffer(state, "step", np.array(0.0, np.float32))
        prev = buffer(state, "prev", np.zeros_like(value))
        step_size = buffer(state, "step_size", np.full_like(value, group["lr"]))
        store(state, "step", step_t + 1)
        sign = np.sign(grad * prev)
        factor = np.where(sign > 0, dtype(etaplus), np.where(sign < 0, dtype(etaminus), dtype(1)))
        store(state, "step_size", np.clip(step_size * factor, dtype(step_size_min),
                                          dtype(step_size_max)))
        # after a sign change the gradient counts as zero: no move now, no flip test next time
        grad = np.where(factor == dtype(etaminus), dtype(0), grad)
        store(state, "prev", grad)
        return np.asarray(value - np.sign(grad) * step_size)
