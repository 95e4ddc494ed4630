"""Adam and AdamW in torch's single-tensor order (bias corrections computed in Python floats)."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .optimizer import (Optimizer, add, addcdiv, addcmul, buffer, check_hyperparameters, lerp,
                        mul, store)


class Adam(Optimizer):
    """decoupled_weight_decay=True (AdamW): weight decay shrinks the parameter instead of joining
    the gradient."""

    def __init__(self, params: Iterable[Any], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, amsgrad: bool = False, *,
                 foreach: bool | None = None, maximize: bool = False, capturable: bool = False,
                 differentiable: bool = False, fused: bool | None = None,
                 decoupled_weight_decay: bool = False) -> None:
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay)
        super().__init__(params, dict(lr=lr, betas=tuple(betas), eps=eps,
                                      weight_decay=weight_decay, amsgrad=amsgrad,
                                      maximize=maximize, foreach=foreach, capturable=capturable,
                                      differentiable=differentiable, fused=fused,
                                      decoupled_weight_decay=decoupled_weight_decay))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        lr, (beta1, beta2), eps, wd = group["lr"], group["betas"], group["eps"], group["weight_decay"]
        # torch's buffers, in its order: a float32 step count, then the moment estimates
        step_t = buffer(state, "step", np.array(0.0, np.float32))
        exp_avg = buffer(state, "exp_avg", np.zeros_like(value))
        exp_avg_sq = buffer(state, "exp_avg_sq", np.zeros_like(value))
        if group["amsgrad"]:
            max_exp_avg_sq = buffer(state, "max_exp_avg_sq", np.zeros_like(value))
        store(state, "step", step_t + 1)
        step = float(step_t)  # the count after this step: step_t was updated in place
        if wd != 0:
            if group.get("decoupled_weight_decay", False):
                value = mul(value, 1 - lr * wd)
            else:
                grad = add(grad, value, wd)
        store(state, "exp_avg", lerp(exp_avg, grad, 1 - beta1))
        store(state, "exp_avg_sq", addcmul(mul(exp_avg_sq, beta2), grad, grad, 1 - beta2))
        if group["amsgrad"]:
            store(state, "max_exp_avg_sq", np.maximum(max_exp_avg_sq, exp_avg_sq))
            exp_avg_sq = max_exp_avg_sq
        bias_correction1 = 1 - beta1 ** step
        bias_correction2 = 1 - beta2 ** step
        step_size = lr / bias_correction1
        bias_correction2_sqrt = bias_correction2 ** 0.5
        denom = np.sqrt(exp_avg_sq) / value.dtype.type(bias_correction2_sqrt)
        denom = denom + value.dtype.type(eps)
        return addcdiv(value, exp_avg, denom, -step_size)


class AdamW(Adam):
    """Adam with decoupled weight decay (torch 2.13: Adam(decoupled_weight_decay=True))."""

    def __init__(self, params: Iterable[Any], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 1e-2, amsgrad: bool = False, *,
                 maximize: bool = False, foreach: bool | None = None, capturable: bool = False,
                 differentiable: bool = False, fused: bool | None = None) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach,
                         maximize=maximize, capturable=capturable, differentiable=differentiable,
                         fused=fused, decoupled_weight_decay=True)
