"""RMSprop (plain, centered, with momentum) in torch's single-tensor order."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .optimizer import (Optimizer, add, addcdiv, addcmul, buffer, check_hyperparameters, lerp,
                        mul, store)


class RMSprop(Optimizer):
    """Divide the gradient by a running root mean square of its recent values; `centered`
    subtracts the squared running mean (an estimate of the variance instead)."""

    def __init__(self, params: Iterable[Any], lr: float = 1e-2, alpha: float = 0.99,
                 eps: float = 1e-8, weight_decay: float = 0, momentum: float = 0,
                 centered: bool = False, capturable: bool = False, foreach: bool | None = None,
                 maximize: bool = False, differentiable: bool = False) -> None:
        check_hyperparameters(lr=lr, eps=eps, momentum=momentum, weight_decay=weight_decay,
                              alpha=alpha)
        super().__init__(params, dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps,
                                      centered=centered, weight_decay=weight_decay,
                                      capturable=capturable, foreach=foreach, maximize=maximize,
                                      differentiable=differentiable))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        lr, alpha, momentum = group["lr"], group["alpha"], group["momentum"]
        # torch's buffers, in its order (state_dict shows them so)
        step_t = buffer(state, "step", np.array(0.0, np.float32))
        square_avg = buffer(state, "square_avg", np.zeros_like(value))
        if momentum > 0:
            momentum_buffer = buffer(state, "momentum_buffer", np.zeros_like(value))
        if group["centered"]:
            grad_avg = buffer(state, "grad_avg", np.zeros_like(value))
        store(state, "step", step_t + 1)
        if group["weight_decay"] != 0:
            grad = add(grad, value, group["weight_decay"])
        store(state, "square_avg", addcmul(mul(square_avg, alpha), grad, grad, 1 - alpha))
        if group["centered"]:
            store(state, "grad_avg", lerp(grad_avg, grad, 1 - alpha))
            avg = np.sqrt(addcmul(square_avg, grad_avg, grad_avg, -1))
        else:
            avg = np.sqrt(square_avg)
        avg = avg + value.dtype.type(group["eps"])
        if momentum > 0:
            store(state, "momentum_buffer", addcdiv(mul(momentum_buffer, momentum), grad, avg, 1))
            return add(value, momentum_buffer, -lr)
        return addcdiv(value, grad, avg, -lr)
