"""RAdam (Adam with a rectified adaptive rate) in torch's single-tensor order."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .optimizer import Optimizer, add, addcmul, buffer, check_hyperparameters, lerp, mul, store


class RAdam(Optimizer):
    """Plain momentum SGD while the second-moment estimate is unreliable (rho_t <= 5), Adam with
    the variance rectification term afterwards."""

    def __init__(self, params: Iterable[Any], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, decoupled_weight_decay: bool = False, *,
                 foreach: bool | None = None, maximize: bool = False, capturable: bool = False,
                 differentiable: bool = False) -> None:
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      maximize=maximize, foreach=foreach, capturable=capturable,
                                      decoupled_weight_decay=decoupled_weight_decay,
                                      differentiable=differentiable))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        lr, (beta1, beta2), wd = group["lr"], group["betas"], group["weight_decay"]
        f = value.dtype.type
        step_t = buffer(state, "step", np.array(0.0, np.float32))
        exp_avg = buffer(state, "exp_avg", np.zeros_like(value))
        exp_avg_sq = buffer(state, "exp_avg_sq", np.zeros_like(value))
        store(state, "step", step_t + 1)
        step = float(step_t)
        if wd != 0:
            if group["decoupled_weight_decay"]:
                value = mul(value, 1 - lr * wd)
            else:
                grad = add(grad, value, wd)
        store(state, "exp_avg", lerp(exp_avg, grad, 1 - beta1))
        store(state, "exp_avg_sq", addcmul(mul(exp_avg_sq, beta2), grad, grad, 1 - beta2))
        bias_correction1 = 1 - beta1 ** step
        bias_correction2 = 1 - beta2 ** step
        update = np.asarray(exp_avg / f(bias_correction1)) * f(lr)
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 * step * (beta2 ** step) / bias_correction2
        if rho_t > 5.0:
            rect = ((rho_t - 4) * (rho_t - 2) * rho_inf
                    / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
            # torch's `scalar / tensor` is tensor.reciprocal() * scalar
            denom = np.sqrt(exp_avg_sq) + f(group["eps"])
            adaptive_lr = (f(1) / denom) * f(bias_correction2 ** 0.5)
            update = update * adaptive_lr * f(rect)
        return add(value, np.asarray(update), -1.0)
