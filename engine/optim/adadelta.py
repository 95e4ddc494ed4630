"""Adadelta in torch's single-tensor order."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .optimizer import Optimizer, add, addcmul, buffer, check_hyperparameters, mul, store


class Adadelta(Optimizer):
    """Steps of size RMS(past updates) / RMS(gradients), both running averages with factor rho,
    scaled by lr (1.0 by default, as in the paper)."""

    def __init__(self, params: Iterable[Any], lr: float = 1.0, rho: float = 0.9,
                 eps: float = 1e-6, weight_decay: float = 0, foreach: bool | None = None, *,
                 capturable: bool = False, maximize: bool = False,
                 differentiable: bool = False) -> None:
        check_hyperparameters(lr=lr)
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        check_hyperparameters(eps=eps, weight_decay=weight_decay)
        super().__init__(params, dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay,
                                      maximize=maximize, capturable=capturable, foreach=foreach,
                                      differentiable=differentiable))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        rho, eps = group["rho"], value.dtype.type(group["eps"])
        step_t = buffer(state, "step", np.array(0.0, np.float32))
        square_avg = buffer(state, "square_avg", np.zeros_like(value))
        acc_delta = buffer(state, "acc_delta", np.zeros_like(value))
        store(state, "step", step_t + 1)
        if group["weight_decay"] != 0:
            grad = add(grad, value, group["weight_decay"])
        store(state, "square_avg", addcmul(mul(square_avg, rho), grad, grad, 1 - rho))
        std = np.sqrt(square_avg + eps)
        delta = np.asarray(np.sqrt(acc_delta + eps) / std * grad)
        store(state, "acc_delta", addcmul(mul(acc_delta, rho), delta, delta, 1 - rho))
        return add(value, delta, -group["lr"])
