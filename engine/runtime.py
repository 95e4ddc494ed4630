"""Process-wide switches PyTorch exposes that course code calls as boilerplate (threads,
determinism, the default device, torch.compile). The engine computes on one CPU thread,
deterministically, so they record what was asked and change nothing else."""
from __future__ import annotations

from typing import Any, Callable, Optional

from engine.tensor import Tensor, device

_settings: dict[str, Any] = {"threads": 1, "interop_threads": 1, "deterministic": False,
                             "matmul_precision": "highest", "device": "cpu"}


def get_num_threads() -> int:
    return _settings["threads"]


def set_num_threads(n: int) -> None:
    if int(n) <= 0:
        raise RuntimeError("set_num_threads expects a positive integer")
    _settings["threads"] = int(n)


def get_num_interop_threads() -> int:
    return _settings["interop_threads"]


def set_num_interop_threads(n: int) -> None:
    _settings["interop_threads"] = int(n)


def use_deterministic_algorithms(mode: bool, *, warn_only: bool = False) -> None:
    _settings["deterministic"] = bool(mode)


def are_deterministic_algorithms_enabled() -> bool:
    return _settings["deterministic"]


def set_float32_matmul_precision(precision: str) -> None:
    if precision not in ("highest", "high", "medium"):
        raise RuntimeError(f"Invalid precision: {precision}")
    _settings["matmul_precision"] = precision


def get_float32_matmul_precision() -> str:
    return _settings["matmul_precision"]


def set_default_device(dev: Any) -> None:
    name = "cpu" if dev is None else str(dev)
    if name.split(":")[0] != "cpu":
        raise RuntimeError(f"Device '{name}' is not available: the judge has only a CPU")
    _settings["device"] = name


def get_default_device() -> device:
    return device(_settings["device"])


def is_nonzero(x: Tensor) -> bool:
    if x.numel() == 0:
        raise RuntimeError("Boolean value of Tensor with no values is ambiguous")
    if x.numel() > 1:
        raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
    return bool(x.item())


def is_complex(x: Tensor) -> bool:
    return False


def typename(obj: Any) -> str:
    if isinstance(obj, Tensor):
        return obj.type()
    module = type(obj).__module__
    qualified = type(obj).__qualname__
    return qualified if module in ("builtins", "__builtin__", None) else f"{module}.{qualified}"


def compile(model: Optional[Callable] = None, **options: Any) -> Any:
    """torch.compile: the engine runs everything eagerly, so the model (or function) itself is
    returned; used as a decorator with options, it returns the identity decorator."""
    if model is None:
        return lambda fn: fn
    return model
