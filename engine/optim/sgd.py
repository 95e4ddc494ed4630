"""Stochastic gradient descent with momentum, dampening, Nesterov and weight decay (torch's rule)."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .optimizer import Optimizer, add, buffer, check_hyperparameters, mul, store


class SGD(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1e-3, momentum: float = 0,
                 dampening: float = 0, weight_decay: float = 0, nesterov: bool = False, *,
                 maximize: bool = False, foreach: bool | None = None, differentiable: bool = False,
                 fused: bool | None = None) -> None:
        check_hyperparameters(lr=lr, momentum=momentum, weight_decay=weight_decay)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov,
                                      maximize=maximize, foreach=foreach,
                                      differentiable=differentiable, fused=fused))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        if group["weight_decay"] != 0:
            grad = add(grad, value, group["weight_decay"])
        momentum = group["momentum"]
        if momentum != 0:
            if "momentum_buffer" not in state:
                buf = buffer(state, "momentum_buffer", grad.copy())  # the first step: undamped
            else:
                buf = add(mul(state["momentum_buffer"]._data, momentum), grad,
                          1 - group["dampening"])
                store(state, "momentum_buffer", buf)
            grad = add(grad, buf, momentum) if group["nesterov"] else buf
        return add(value, grad, -group["lr"])
