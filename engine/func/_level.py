"""What the function transforms share: how deep they are nested, and how they take inputs.

PyTorch's transforms track "levels" so that grad(grad(f)) differentiates the inner gradient.
The engine builds them on its ordinary autograd: a transform differentiates with respect to
fresh aliases of its inputs and keeps the graph of its results whenever something outside can
still differentiate them (an enclosing transform, or an input that already requires grad).
"""
from __future__ import annotations

import contextlib
from typing import Any, Iterator, Sequence

from engine.tensor import Tensor


class _Depth:
    value = 0


@contextlib.contextmanager
def nested() -> Iterator[None]:
    _Depth.value += 1
    try:
        yield
    finally:
        _Depth.value -= 1


def keeps_graph(leaves: Sequence[Any]) -> bool:
    """Whether results must stay differentiable for whoever called the transform."""
    return _Depth.value > 0 or any(isinstance(x, Tensor) and x.requires_grad for x in leaves)


def track(x: Any) -> Tensor:
    """A tensor to differentiate with respect to, still connected to `x` if `x` has a graph."""
    if not isinstance(x, Tensor):
        raise ValueError(f"Thing passed to transform API must be Tensor, got {type(x)}")
    return x.view_as(x) if x.requires_grad else x.detach().requires_grad_(True)


def check_argnums(argnums: int | tuple[int, ...], args: tuple) -> tuple[int, ...]:
    """Normalised argnums (a tuple of non-negative positions) after PyTorch's checks."""
    nums = argnums if isinstance(argnums, tuple) else (argnums,)
    if not nums:
        raise RuntimeError("argnums must be non-empty")
    out = []
    for n in nums:
        if not isinstance(n, int):
            raise RuntimeError(f"argnums must be int or Tuple[int, ...], got: {type(argnums)}")
        if not -len(args) <= n < len(args):
            raise RuntimeError(f"Got argnum={n}, but only {len(args)} positional inputs")
        out.append(n % len(args))
    return tuple(out)


def finish(value: Any, keep: bool) -> Any:
    """Detach the tensors of a result nobody outside can differentiate."""
    if keep:
        return value
    if isinstance(value, Tensor):
        return value.detach()
    if isinstance(value, (tuple, list)):
        return type(value)(finish(v, keep) for v in value)
    if isinstance(value, dict):
        return type(value)((k, finish(v, keep)) for k, v in value.items())
    return value
