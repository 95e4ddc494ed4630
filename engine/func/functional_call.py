"""torch.func.functional_call: call a module with some of its parameters and buffers replaced."""
from __future__ import annotations

from typing import Any, Mapping, Sequence


def functional_call(module: Any, parameter_and_buffer_dicts: Mapping | Sequence[Mapping],
                    args: Any = None, kwargs: Mapping | None = None, *, tie_weights: bool = True,
                    strict: bool = False) -> Any:
    """module(*args, **kwargs) with the tensors named in the dict(s) (dotted names such as
    "0.weight") standing in for the module's own; the module is restored afterwards."""
    dicts = ([parameter_and_buffer_dicts] if isinstance(parameter_and_buffer_dicts, Mapping)
             else list(parameter_and_buffer_dicts))
    replacements: dict[str, Any] = {}
    for d in dicts:
        for name, value in d.items():
            if name in replacements:
                raise ValueError(f"{name} appeared in multiple dictionaries; behavior of "
                                 "functional call is ambiguous")
            replacements[name] = value
    if strict:
        expected = ({n for n, _ in module.named_parameters()}
                    | {n for n, _ in module.named_buffers()})
        missing = sorted(expected - set(replacements))
        unexpected = sorted(set(replacements) - expected)
        if missing or unexpected:
            raise RuntimeError(f"Error(s) in reparametrizing for {type(module).__name__}:\n\t"
                               f"Unexpected key(s): {', '.join(map(repr, unexpected))}.\n\t"
                               f"Missing key(s): {', '.join(map(repr, missing))}.")
    saved = []
    try:
        for name, value in replacements.items():
            owner, leaf = _owner(module, name)
            table = owner._parameters if leaf in owner._parameters else owner._buffers
            if leaf not in table:
                table = owner.__dict__
            saved.append((table, leaf, table.get(leaf, _MISSING)))
            table[leaf] = value
        if args is None:
            args = ()
        elif not isinstance(args, tuple):
            args = (args,)
        return module(*args, **(kwargs or {}))
    finally:
        for table, leaf, old in reversed(saved):
            if old is _MISSING:
                del table[leaf]
            else:
                table[leaf] = old


_MISSING = object()


def _owner(module: Any, dotted: str) -> tuple[Any, str]:
    *path, leaf = dotted.split(".")
    for part in path:
        module = getattr(module, part)
    return module, leaf
