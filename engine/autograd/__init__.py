"""`engine.autograd` (`torch.autograd`): backward, grad, Function, gradcheck and grad modes."""
from engine.autograd.anomaly_mode import (  # noqa: F401
    detect_anomaly, is_anomaly_check_nan_enabled, is_anomaly_enabled, set_detect_anomaly,
)
from engine.autograd.function import Function, FunctionCtx  # noqa: F401
from engine.autograd.functional_api import backward, grad  # noqa: F401
from engine.autograd.grad_mode import (  # noqa: F401
    enable_grad, inference_mode, is_grad_enabled, is_inference_mode_enabled, no_grad,
    set_grad_enabled,
)
from engine.autograd.node import Node  # noqa: F401


def Variable(data, requires_grad: bool = False, volatile: bool = False):
    """PyTorch's deprecated wrapper: returns `data` itself, with requires_grad set."""
    if requires_grad:
        data.requires_grad_(True)
    return data


def __getattr__(name: str):
    # gradcheck imports the tensor machinery; load it lazily to keep this package import-light.
    if name == "functional":
        import importlib

        return importlib.import_module("engine.autograd.functional")
    if name in ("gradcheck", "gradgradcheck"):
        import importlib

        value = getattr(importlib.import_module("engine.gradcheck"), name)
        globals()[name] = value  # later lookups skip this hook
        return value
    raise AttributeError(f"module 'engine.autograd' has no attribute '{name}'")
