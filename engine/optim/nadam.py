"""NAdam (Adam with Nesterov momentum and a momentum-decay schedule) in torch's single-tensor
order; the running product of the momentum factors is a float32 tensor, as in torch."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .optimizer import (Optimizer, add, addcdiv, addcmul, buffer, check_hyperparameters, lerp,
                        mul, store)


class NAdam(Optimizer):
    """decoupled_weight_decay=True shrinks the parameter (as AdamW) instead of adding
    weight_decay * param to the gradient."""

    def __init__(self, params: Iterable[Any], lr: float = 2e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, momentum_decay: float = 4e-3,
                 decoupled_weight_decay: bool = False, *, foreach: bool | None = None,
                 maximize: bool = False, capturable: bool = False,
                 differentiable: bool = False) -> None:
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay,
                              momentum_decay=momentum_decay)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      momentum_decay=momentum_decay,
                                      decoupled_weight_decay=decoupled_weight_decay,
                                      maximize=maximize, foreach=foreach, capturable=capturable,
                                      differentiable=differentiable))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        lr, (beta1, beta2), wd = group["lr"], group["betas"], group["weight_decay"]
        step_t = buffer(state, "step", np.array(0.0, np.float32))
        mu_product = buffer(state, "mu_product", np.array(1.0, np.float32))
        exp_avg = buffer(state, "exp_avg", np.zeros_like(value))
        exp_avg_sq = buffer(state, "exp_avg_sq", np.zeros_like(value))
        store(state, "step", step_t + 1)
        step = float(step_t)
        bias_correction2 = 1 - beta2 ** step
        if wd != 0:
            if group["decoupled_weight_decay"]:
                value = mul(value, 1 - lr * wd)
            else:
                grad = add(grad, value, wd)
        mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * group["momentum_decay"])))
        mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * group["momentum_decay"])))
        store(state, "mu_product", mul(mu_product, mu))
        store(state, "exp_avg", lerp(exp_avg, grad, 1 - beta1))
        store(state, "exp_avg_sq", addcmul(mul(exp_avg_sq, beta2), grad, grad, 1 - beta2))
        denom = np.sqrt(exp_avg_sq / value.dtype.type(bias_correction2))
        denom = denom + value.dtype.type(group["eps"])
        # torch reads the float32 product back as a Python float for the step sizes
        product = float(mu_product)
        mu_product_next = product * mu_next
        value = addcdiv(value, grad, denom, -lr * (1.0 - mu) / (1.0 - product))
        return addcdiv(value, exp_avg, denom, (-lr * mu_next) / (1.0 - mu_product_next))
