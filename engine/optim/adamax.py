"""Adamax (Adam with an infinity-norm second moment) in torch's single-tensor order."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .optimizer import Optimizer, add, addcdiv, buffer, check_hyperparameters, lerp, mul, store


class Adamax(Optimizer):
    """Adam whose denominator is the decayed running maximum of |grad| instead of an RMS."""

    def __init__(self, params: Iterable[Any], lr: float = 2e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, foreach: bool | None = None, *, maximize: bool = False,
                 differentiable: bool = False, capturable: bool = False) -> None:
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      foreach=foreach, maximize=maximize,
                                      differentiable=differentiable, capturable=capturable))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        beta1, beta2 = group["betas"]
        step_t = buffer(state, "step", np.array(0.0, np.float32))
        exp_avg = buffer(state, "exp_avg", np.zeros_like(value))
        exp_inf = buffer(state, "exp_inf", np.zeros_like(value))
        store(state, "step", step_t + 1)
        if group["weight_decay"] != 0:
            grad = add(grad, value, group["weight_decay"])
        store(state, "exp_avg", lerp(exp_avg, grad, 1 - beta1))
        store(state, "exp_inf", np.maximum(mul(exp_inf, beta2),
                                           np.abs(grad) + value.dtype.type(group["eps"])))
        clr = group["lr"] / (1 - beta1 ** float(step_t))
        return addcdiv(value, exp_avg, exp_inf, -clr)
