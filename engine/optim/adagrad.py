"""Adagrad in torch's single-tensor order: its state exists from construction on, as torch's."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from ..tensor import wrap
from .optimizer import Optimizer, add, addcdiv, addcmul, check_hyperparameters, store


class Adagrad(Optimizer):
    """Scale each coordinate's step by the root of its summed squared gradients; the rate itself
    decays as lr / (1 + (step - 1) * lr_decay)."""

    def __init__(self, params: Iterable[Any], lr: float = 1e-2, lr_decay: float = 0,
                 weight_decay: float = 0, initial_accumulator_value: float = 0,
                 eps: float = 1e-10, foreach: bool | None = None, *, maximize: bool = False,
                 differentiable: bool = False, fused: bool | None = None) -> None:
        check_hyperparameters(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay)
        if not 0.0 <= initial_accumulator_value:
            raise ValueError("Invalid initial_accumulator_value value: "
                             f"{initial_accumulator_value}")
        check_hyperparameters(eps=eps)
        super().__init__(params, dict(lr=lr, lr_decay=lr_decay, eps=eps,
                                      weight_decay=weight_decay,
                                      initial_accumulator_value=initial_accumulator_value,
                                      foreach=foreach, maximize=maximize,
                                      differentiable=differentiable, fused=fused))
        # torch fills the state here, so `opt.state` and state_dict() show it before any step
        for group in self.param_groups:
            for p in group["params"]:
                self.state[p]["step"] = wrap(np.array(0.0, np.float32))
                self.state[p]["sum"] = wrap(np.full_like(p._data, initial_accumulator_value))

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        store(state, "step", state["step"]._data + 1)
        step = float(state["step"]._data)
        if group["weight_decay"] != 0:
            grad = add(grad, value, group["weight_decay"])
        clr = group["lr"] / (1 + (step - 1) * group["lr_decay"])
        store(state, "sum", addcmul(state["sum"]._data, grad, grad, 1))
        std = np.sqrt(state["sum"]._data) + value.dtype.type(group["eps"])
        return addcdiv(value, grad, std, -clr)
