"""Flatten nested tuples, lists and dicts of tensors (PyTorch's "pytrees") into a list of leaves
and rebuild them: torch.func takes and returns such structures (a dict of parameters, a tuple of
outputs) and applies its transform to every tensor inside."""
from __future__ import annotations

from typing import Any

# A spec is None for a leaf, else (container type, keys or None, child specs).
Spec = Any


def flatten(tree: Any) -> tuple[list, Spec]:
    leaves: list = []
    return leaves, _flatten(tree, leaves)


def _flatten(tree: Any, leaves: list) -> Spec:
    if isinstance(tree, dict):
        keys = list(tree)
        return (type(tree), keys, [_flatten(tree[k], leaves) for k in keys])
    if isinstance(tree, (tuple, list)):
        return (type(tree), None, [_flatten(x, leaves) for x in tree])
    leaves.append(tree)
    return None


def unflatten(leaves: list, spec: Spec) -> Any:
    it = iter(leaves)
    return _unflatten(it, spec)


def _unflatten(it, spec: Spec) -> Any:
    if spec is None:
        return next(it)
    kind, keys, children = spec
    values = [_unflatten(it, child) for child in children]
    if keys is not None:
        return kind(zip(keys, values))
    if kind is tuple or kind is list:
        return kind(values)
    return kind(*values)  # a named tuple


def broadcast_prefix(prefix: Any, tree: Any, error) -> list:
    """One entry of `prefix` per leaf of `tree`, where `prefix` may stop early (vmap's in_dims=0
    covers a whole tuple argument). `error()` builds the exception for structures that differ."""
    out: list = []
    _broadcast(prefix, tree, out, error)
    return out


def _broadcast(prefix: Any, tree: Any, out: list, error) -> None:
    if not isinstance(prefix, (tuple, list, dict)):
        out.extend([prefix] * len(flatten(tree)[0]))
        return
    if isinstance(prefix, dict):
        if not isinstance(tree, dict) or set(prefix) != set(tree):
            raise error()
        for k in tree:
            _broadcast(prefix[k], tree[k], out, error)
        return
    if not isinstance(tree, (tuple, list)) or len(prefix) != len(tree):
        raise error()
    for p, t in zip(prefix, tree):
        _broadcast(p, t, out, error)
