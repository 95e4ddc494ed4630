"""`optim.Optimizer`: parameter groups, per-parameter state, zero_grad, and the step contract.

Updates run on the parameters' numpy arrays, step by step in torch's order. PyTorch's CPU kernels
cast Python scalars to the tensor's dtype and fuse `a + alpha*b` (one rounding, FMA); the helpers
below do the same by evaluating the fused step in float64 and rounding once, and round every
unfused step to the dtype, which reproduces torch's float32 updates bit for bit (measured on
add_, lerp_, addcmul_ and addcdiv_ for 1 to 1000 elements, inside and outside the vector loop).
The exception is sqrt (Adam, RMSprop, Adagrad...): np.sqrt is correctly rounded, torch's
vectorised float32 sqrt on this CPU is not always (roughly 1 element in 160 differs by an ulp), so
updates through a square root agree to float32 noise rather than bit for bit.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Iterable

import numpy as np

from ..tensor import Tensor, wrap


class Optimizer:
    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        if isinstance(params, Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of "
                            f"Tensors or dicts, but got {params.type()}")
        self.defaults = defaults
        # per-parameter buffers, tensors as torch keeps them (`opt.state[p]["exp_avg"]`)
        self.state: defaultdict[Tensor, dict[str, Any]] = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group of parameters with its own options (the defaults fill the others): e.g.
        unfrozen layers joining the training."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, set):
            raise TypeError("optimizer parameters need to be organized in ordered collections, "
                            "but the ordering of tensors in sets will change between runs. "
                            "Please use a list instead.")
        params = [params] if isinstance(params, Tensor) else list(params)
        for p in params:
            if not isinstance(p, Tensor):
                raise TypeError("optimizer can only optimize Tensors, but one of the params is "
                                + type(p).__name__)
            if not p.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor")
        known = {id(p) for group in self.param_groups for p in group["params"]}
        if any(id(p) in known for p in params):
            raise ValueError("some parameters appear in more than one parameter group")
        # torch's key order: "params", the keys the caller gave, then the remaining defaults.
        group = {"params": params}
        group.update((k, v) for k, v in param_group.items() if k != "params")
        for name, default in self.defaults.items():
            group.setdefault(name, default)
        self.param_groups.append(group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                if set_to_none:
                    p.grad = None
                else:
                    p.grad.zero_()

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        self._opt_called = True  # an lr scheduler stepped before the optimizer warns, as torch
        loss = None
        if closure is not None:
            from .. import enable_grad
            with enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                value = p._data
                grad = p.grad._data.astype(value.dtype, copy=False)
                if group.get("maximize", False):
                    grad = -grad
                state = self.state.get(p, {})
                new = self._update(value, grad, group, state)
                if state:  # an optimizer without buffers (plain SGD) leaves no entry, as torch
                    self.state[p] = state
                if value.flags.writeable:
                    value[...] = new  # in place, like torch's add_: views of p see the update
                else:
                    p.data = new
        return loss

    def _update(self, value: np.ndarray, grad: np.ndarray, group: dict[str, Any],
                state: dict[str, Any]) -> np.ndarray:
        """Return the parameter's new value (in its dtype); keep buffers in `state`."""
        raise NotImplementedError

    def state_dict(self) -> dict[str, Any]:
        index = {}
        groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            packed["params"] = []
            for p in group["params"]:
                index.setdefault(id(p), len(index))
                packed["params"].append(index[id(p)])
            groups.append(packed)
        # the state's own dicts and tensors, not copies, as torch returns them
        state = {index[id(p)]: s for p, s in self.state.items() if id(p) in index and s}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        groups = state_dict["param_groups"]
        if len(groups) != len(self.param_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        params = [p for group in self.param_groups for p in group["params"]]
        for mine, saved in zip(self.param_groups, groups):
            if len(mine["params"]) != len(saved["params"]):
                raise ValueError("loaded state dict contains a parameter group that doesn't "
                                 "match the size of optimizer's group")
            mine.update({k: v for k, v in saved.items() if k != "params"})
        self.state = defaultdict(dict)
        for i, saved in state_dict["state"].items():
            self.state[params[i]] = {k: _cast_buffer(k, v, params[i]) for k, v in saved.items()}

    def __repr__(self) -> str:
        # torch's layout: each group opens with a newline and ends its lines with one, so groups
        # are separated by a blank line
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += f"\nParameter Group {i}\n"
            text += "".join(f"    {key}: {group[key]}\n" for key in sorted(group)
                            if key != "params")
        return text + ")"


def _cast_buffer(key: str, value: Any, param: Tensor) -> Any:
    """A loaded buffer takes its parameter's float dtype (the step count stays as it is)."""
    if isinstance(value, Tensor) and key != "step" and param._data.dtype.kind == "f":
        return value.to(param.dtype)
    return value


def buffer(state: dict[str, Any], key: str, initial: np.ndarray) -> np.ndarray:
    """The array behind the tensor state[key], created from `initial` on first use."""
    if key not in state:
        state[key] = wrap(initial)
    return state[key]._data


def store(state: dict[str, Any], key: str, value: np.ndarray) -> None:
    """Update state[key] in place, as torch's in-place ops do: a tensor taken from
    `opt.state` or `state_dict()` sees the new value."""
    state[key]._data[...] = value


def scalar(x: float, dtype: np.dtype) -> np.float64:
    """A Python scalar as torch's kernels see it: rounded to the tensor's dtype."""
    return np.float64(dtype.type(x))


def add(a: np.ndarray, b: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """torch's a.add(b, alpha=alpha): a + alpha*b, rounded once."""
    if alpha == 1:
        return (a + b).astype(a.dtype, copy=False)  # a sum is rounded once already
    # np.asarray: with 0-d operands numpy's ufuncs return scalars, not arrays
    t = np.asarray(np.multiply(b, scalar(alpha, a.dtype), dtype=np.float64))  # exact for float32
    np.add(t, a, out=t)
    return t.astype(a.dtype, copy=False)


def mul(a: np.ndarray, factor: float) -> np.ndarray:
    return np.asarray(a * a.dtype.type(factor))


def lerp(a: np.ndarray, b: np.ndarray, weight: float) -> np.ndarray:
    """torch's a.lerp(b, weight), both of its branches."""
    w = a.dtype.type(weight)
    diff = b - a
    if w < 0.5:
        return np.asarray(a.astype(np.float64) + np.float64(w) * diff).astype(a.dtype)
    return np.asarray(b.astype(np.float64) - np.float64(a.dtype.type(1) - w) * diff).astype(a.dtype)


def addcmul(a: np.ndarray, t1: np.ndarray, t2: np.ndarray, value: float) -> np.ndarray:
    """torch's a.addcmul(t1, t2, value=value): `value*t1` is rounded, then fused with `*t2 + a`."""
    scaled = mul(t1, value)
    return add(a, np.multiply(scaled, t2, dtype=np.float64))  # the product is exact in float64


def addcdiv(a: np.ndarray, t1: np.ndarray, t2: np.ndarray, value: float) -> np.ndarray:
    """torch's a.addcdiv(t1, t2, value=value): `a + value*t1/t2`, every step rounded (no FMA)."""
    return np.asarray(a + mul(t1, value) / t2)


def check_hyperparameters(**values: Any) -> None:
    """PyTorch's ValueErrors for hyperparameters out of range, in the order given: betas in
    [0, 1), everything else non-negative."""
    for name, value in values.items():
        if name == "betas":
            for i, beta in enumerate(value):
                if not 0.0 <= beta < 1.0:
                    raise ValueError(f"Invalid beta parameter at index {i}: {beta}")
        elif not 0.0 <= value:
            label = {"lr": "learning rate", "eps": "epsilon value"}.get(name, f"{name} value")
            raise ValueError(f"Invalid {label}: {value}")
