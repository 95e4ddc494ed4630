"""Whether operations record a graph: `no_grad`, `enable_grad`, `set_grad_enabled`,
`inference_mode`.

Each works as a context manager and as a decorator, as in PyTorch.
"""
from __future__ import annotations

import functools


class _State:
    enabled = True  # read by every op; a class attribute is the cheapest global to reach
    inference = False  # inside an enabled inference_mode block


STATE = _State


def is_grad_enabled() -> bool:
    return STATE.enabled


def is_inference_mode_enabled() -> bool:
    return STATE.inference


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


class inference_mode(_GradMode):
    """`inference_mode()` records no graph, as no_grad; `inference_mode(False)` turns recording
    back on (torch's guard sets grad mode to `not mode`). Results of ops inside answer
    `is_inference()` with True; otherwise they are ordinary tensors (torch's inference tensors
    also refuse to be saved for backward later: the engine does not check that)."""

    def __new__(cls, mode=True):
        # `@inference_mode` without parentheses decorates directly, as in PyTorch.
        self = object.__new__(cls)
        if callable(mode):
            self.__init__()
            return self(mode)
        return self

    def __init__(self, mode=True) -> None:
        self._inference = bool(mode)
        self._mode = not self._inference

    def __enter__(self) -> None:
        self._prev = STATE.enabled
        self._prev_inference = STATE.inference
        STATE.enabled = self._mode
        STATE.inference = self._inference

    def __exit__(self, *exc) -> None:
        STATE.enabled = self._prev
        STATE.inference = self._prev_inference

    def __call__(self, fn):
        inference = self._inference

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with inference_mode(inference):
                return fn(*args, **kwargs)

        return wrapper
