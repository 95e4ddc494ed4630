"""torch.func.jacrev, jacfwd and hessian: Jacobians shaped output.shape + input.shape.

jacrev builds one row per output element (a vector-Jacobian product); jacfwd one column per
input element (a Jacobian-vector product, differentiating a vjp), so signed zeros land where
PyTorch's forward mode puts them.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from engine.autograd.functional_api import grad as autograd_grad
from engine.autograd.grad_mode import enable_grad
from engine.creation import zeros, zeros_like
from engine.func import _pytree
from engine.func._level import check_argnums, finish, keeps_graph, nested, track
from engine.func.grad import _split_aux
from engine.ops.join import stack
from engine.tensor import Tensor, wrap


def jacrev(func: Callable, argnums: int | tuple[int, ...] = 0, *, has_aux: bool = False,
           chunk_size: int | None = None) -> Callable:
    """The Jacobian of `func` with respect to argument(s) `argnums`, by reverse mode."""
    return _jacobian(func, argnums, has_aux, _rows)


def jacfwd(func: Callable, argnums: int | tuple[int, ...] = 0, has_aux: bool = False, *,
           randomness: str = "error") -> Callable:
    """The Jacobian of `func` with respect to argument(s) `argnums`, by forward mode."""
    return _jacobian(func, argnums, has_aux, _columns)


def hessian(func: Callable, argnums: int | tuple[int, ...] = 0) -> Callable:
    """Second derivatives of a scalar `func`: jacfwd(jacrev(func)), as PyTorch computes it."""
    return jacfwd(jacrev(func, argnums), argnums)


def _jacobian(func: Callable, argnums, has_aux: bool, blocks_of: Callable) -> Callable:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nums = check_argnums(argnums, args)
        keep = keeps_graph(_pytree.flatten(args)[0])
        args = list(args)
        specs, counts, leaves = [], [], []
        for n in nums:
            xs, spec = _pytree.flatten(args[n])
            xs = [track(x) for x in xs]
            args[n] = _pytree.unflatten(xs, spec)
            specs.append(spec)
            counts.append(len(xs))
            leaves.extend(xs)
        with nested(), enable_grad():
            out, aux = _split_aux(func(*args, **kwargs), has_aux)
            outs, out_spec = _pytree.flatten(out)
            for o in outs:
                if not isinstance(o, Tensor):
                    raise RuntimeError(f"jacrev(f, ...)(*args): expected f(*args) to return only "
                                       f"tensors, got unsupported type {type(o)}")
            blocks = blocks_of(outs, leaves)
        per_output = []
        for row in blocks:
            per_arg, start = [], 0
            for spec, count in zip(specs, counts):
                per_arg.append(_pytree.unflatten(row[start:start + count], spec))
                start += count
            per_output.append(tuple(per_arg) if isinstance(argnums, tuple) else per_arg[0])
        jac = finish(_pytree.unflatten(per_output, out_spec), keep)
        return (jac, finish(aux, keep)) if has_aux else jac

    return wrapper


def _unit(shape: tuple, k: int, dtype: np.dtype) -> Tensor:
    seed = np.zeros(int(np.prod(shape)), dtype=dtype)
    seed[k] = 1
    return wrap(seed.reshape(shape))


def _rows(outs: list, leaves: list) -> list[list[Tensor]]:
    """blocks[i][j] = d outs[i] / d leaves[j], one reverse pass per element of outs[i]."""
    blocks = []
    for o in outs:
        shape = tuple(o.shape)
        rows: list[list[Tensor]] = [[] for _ in leaves]
        for k in range(o.numel()):
            gs = (autograd_grad(o, leaves, _unit(shape, k, o._data.dtype), retain_graph=True,
                                create_graph=True, allow_unused=True)
                  if o.requires_grad else (None,) * len(leaves))
            for j, (g, x) in enumerate(zip(gs, leaves)):
                rows[j].append(zeros_like(x) if g is None else g)
        blocks.append([stack(r).reshape(shape + tuple(x.shape)) if r else
                       zeros(shape + tuple(x.shape), dtype=x.dtype)
                       for r, x in zip(rows, leaves)])
    return blocks


def _columns(outs: list, leaves: list) -> list[list[Tensor]]:
    """blocks[i][j] = d outs[i] / d leaves[j], one forward (double-vjp) pass per element of
    leaves[j]: the vjp g(u) = J^T u is linear in u, so d(g . e_k)/du = J e_k."""
    dummies = [zeros_like(o).requires_grad_(True) for o in outs]
    live = [(o, u) for o, u in zip(outs, dummies) if o.requires_grad]
    gs = (autograd_grad([o for o, _ in live], leaves, [u for _, u in live], create_graph=True,
                        allow_unused=True) if live else (None,) * len(leaves))
    columns: list[list[list[Tensor]]] = [[[] for _ in leaves] for _ in outs]
    for j, (g, x) in enumerate(zip(gs, leaves)):
        for k in range(x.numel()):
            jv = (autograd_grad(g, dummies, _unit(tuple(x.shape), k, x._data.dtype),
                                retain_graph=True, create_graph=True, allow_unused=True)
                  if g is not None and g.requires_grad else (None,) * len(outs))
            for i, (c, o) in enumerate(zip(jv, outs)):
                columns[i][j].append(zeros_like(o) if c is None else c)
    return [[stack(cols, dim=-1).reshape(tuple(o.shape) + tuple(x.shape)) if cols else
             zeros(tuple(o.shape) + tuple(x.shape), dtype=o.dtype)
             for cols, x in zip(columns[i], leaves)] for i, o in enumerate(outs)]
