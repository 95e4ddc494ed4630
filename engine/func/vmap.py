"""torch.func.vmap: map a function over a dimension of its inputs.

The engine runs the function once per index and stacks the results (PyTorch batches the
operations instead): the values, shapes and gradients are the same, only slower on big batches.
"""
from __future__ import annotations

from typing import Any, Callable

from engine.func import _pytree
from engine.ops.join import stack
from engine.tensor import Tensor


def vmap(func: Callable, in_dims: Any = 0, out_dims: Any = 0, randomness: str = "error", *,
         chunk_size: int | None = None) -> Callable:
    """`func` vectorised over dimension `in_dims` of its inputs; outputs stacked at `out_dims`."""
    name = getattr(func, "__name__", repr(func))

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        where = f"vmap({name}, in_dims={in_dims!r}, ...)(<inputs>)"
        if not args:
            raise ValueError(f"vmap({name})(<inputs>): got no inputs. Maybe you forgot to add "
                             "inputs, or you are trying to vmap over a function with no inputs. "
                             "The latter is unsupported.")
        if not isinstance(in_dims, (int, tuple)):
            raise ValueError(f"{where}: expected `in_dims` to be int or a (potentially nested) "
                             "tuple matching the structure of inputs, got: "
                             f"{type(in_dims)}.")
        leaves, spec = _pytree.flatten(args)
        dims = _pytree.broadcast_prefix(
            in_dims if isinstance(in_dims, tuple) else (in_dims,) * len(args), args,
            lambda: ValueError(f"{where}: in_dims is not compatible with the structure of "
                               "`inputs`."))
        size = _batch_size(leaves, dims, where)
        results = []
        for i in range(size):
            sample = [x if d is None else x.select(d, i) for x, d in zip(leaves, dims)]
            results.append(func(*_pytree.unflatten(sample, spec), **kwargs))
        return _stack_outputs(results, out_dims, name)

    return wrapper


def _batch_size(leaves: list, dims: list, where: str) -> int:
    sizes = []
    for x, d in zip(leaves, dims):
        if d is None:
            continue
        if not isinstance(x, Tensor):
            raise ValueError(f"{where}: Got in_dim={d} for an input but the input is of type "
                             f"{type(x)}. We cannot vmap over non-Tensor arguments, please use "
                             "None as the respective in_dim")
        n = x.dim()
        if not isinstance(d, int) or not -n <= d < max(n, 1) or n == 0:
            raise ValueError(f"{where}: Got in_dim={d} for some input, but that input is a "
                             f"Tensor of dimensionality {n} so expected in_dim to satisfy "
                             f"-{n} <= in_dim < {n}.")
        sizes.append(x.shape[d])
    if not sizes:
        raise ValueError("vmap: Expected at least one Tensor to vmap over")
    if len(set(sizes)) > 1:
        raise ValueError("vmap: Expected all tensors to have the same size in the mapped "
                         f"dimension, got sizes {sizes} for the mapped dimension")
    return sizes[0]


def _stack_outputs(results: list, out_dims: Any, name: str) -> Any:
    flat = [_pytree.flatten(r) for r in results]
    spec = flat[0][1]
    for leaves, _ in flat:
        for x in leaves:
            if not isinstance(x, Tensor):
                raise ValueError(f"vmap({name}, ...): `{name}` must only return Tensors, got "
                                 f"type {type(x)}. Did you mean to set out_dims= to None for "
                                 "output?")
    dims = _pytree.broadcast_prefix(
        out_dims, results[0],
        lambda: ValueError(f"vmap({name}, ..., out_dims={out_dims!r})(<inputs>): out_dims is "
                           "not compatible with the structure of `outputs`."))
    stacked = []
    for k, d in enumerate(dims):
        column = [leaves[k] for leaves, _ in flat]
        stacked.append(column[0] if d is None else stack(column, dim=d))
    return _pytree.unflatten(stacked, spec)
