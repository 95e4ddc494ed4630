"""Whether operations record a graph: `no_grad`, `enable_grad`, `set_grad_enabled`.

Each works as a context manager and as a decorator, as in PyTorch.
"""
from __future__ import annotations

import functools


class _State:
    enabled = True  # read by every op; a class attribute is the cheapest global to reach


STATE = _State


def is_grad_enabled() -> bool:
    return STATE.enabled


class _GradMode:
    _mode = True

    def __new__(cls, orig_func=None):
        # `@no_grad` without parentheses decorates directly, as in PyTorch 2.
        self = super().__new__(cls)
        return self if orig_func is None else self(orig_func)

    def __init__(self, orig_func=None) -> None:
        pass

    def __enter__(self) -> None:
        self._prev = STATE.enabled
        STATE.enabled = self._mode

    def __exit__(self, *exc) -> None:
        STATE.enabled = self._prev

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return fn(*args, **kwargs)

        return wrapper


class no_grad(_GradMode):
    """Operations inside do not record a graph (results have requires_grad=False)."""

    _mode = False


class enable_grad(_GradMode):
    """Re-enable graph recording inside a `no_grad` block."""

    _mode = True


class set_grad_enabled(_GradMode):
    """`set_grad_enabled(False)` switches recording now; as a context manager it restores it."""

    def __new__(cls, mode: bool):
        return object.__new__(cls)

    def __init__(self, mode: bool) -> None:
        self._prev = STATE.enabled
        self._mode = bool(mode)
        STATE.enabled = self._mode

    def __enter__(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self._mode})"

    def __call__(self, fn):
        STATE.enabled = self._prev

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with set_grad_enabled(self._mode):
                return fn(*args, **kwargs)

        return wrapper


class inference_mode(no_grad):
    """Treated as no_grad: the engine has no separate inference tensors."""

    def __new__(cls, mode: bool = True):
        return object.__new__(cls)

    def __init__(self, mode: bool = True) -> None:
        self._mode = not mode
