"""ASGD (averaged SGD) in torch's single-tensor order."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .optimizer import Optimizer, add, buffer, mul, store


class ASGD(Optimizer):
    """SGD with a decaying rate eta = lr / (1 + lambd lr t)^alpha and a weight decay of
    (1 - lambd eta); from step t0 on it also keeps the running average of the iterates in
    state["ax"] (the parameters themselves are plain SGD iterates)."""

    def __init__(self, params: Iterable[Any], lr: float = 1e-2, lambd: float = 1e-4,
                 alpha: float = 0.75, t0: float = 1e6, weight_decay: float = 0,
                 foreach: bool | None = None, maximize: bool = False,
                 differentiable: bool = False, capturable: bool = False) -> None:
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        super().__init__(params, dict(lr=lr, lambd=lambd, alpha=alpha, t0=t0,
                                      weight_decay=weight_decay, foreach=foreach,
                                      maximize=maximize, differentiable=differentiable,
                                      capturable=capturable))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        lr, lambd = group["lr"], group["lambd"]
        step_t = buffer(state, "step", np.array(0.0, np.float32))
        eta = buffer(state, "eta", np.array(lr, np.float32))
        mu = buffer(state, "mu", np.array(1.0, np.float32))
        ax = buffer(state, "ax", np.zeros_like(value))
        store(state, "step", step_t + 1)
        if group["weight_decay"] != 0:
            grad = add(grad, value, group["weight_decay"])
        eta_value = float(eta)  # torch reads the float32 eta back as a Python float
        value = mul(value, 1 - lambd * eta_value)
        value = add(value, grad, -eta_value)
        if float(mu) != 1:
            store(state, "ax", ax + (value - ax) * mu.astype(value.dtype))
        else:
            store(state, "ax", value)
        step = float(step_t)
        store(state, "eta", np.float32(lr / ((1 + lambd * lr * step) ** group["alpha"])))
        store(state, "mu", np.float32(1 / max(1, step - group["t0"])))
        return value
