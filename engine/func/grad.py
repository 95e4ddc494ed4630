"""torch.func.grad, grad_and_value, vjp and jvp on the engine's autograd."""
from __future__ import annotations

from typing import Any, Callable

from engine.autograd.functional_api import grad as autograd_grad
from engine.autograd.grad_mode import enable_grad
from engine.creation import zeros_like
from engine.func import _pytree
from engine.func._level import check_argnums, finish, keeps_graph, nested, track
from engine.tensor import Tensor


def grad(func: Callable, argnums: int | tuple[int, ...] = 0, has_aux: bool = False) -> Callable:
    """A function returning the gradient of `func` (a scalar function) with respect to the
    argument(s) `argnums`, shaped like them (tensors, or tuples/lists/dicts of tensors)."""
    run = grad_and_value(func, argnums, has_aux)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        g, value = run(*args, **kwargs)
        return (g, value[1]) if has_aux else g

    return wrapper


def grad_and_value(func: Callable, argnums: int | tuple[int, ...] = 0,
                   has_aux: bool = False) -> Callable:
    """Like `grad`, returning (gradient, value) (value is (output, aux) with has_aux)."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nums = check_argnums(argnums, args)
        keep = keeps_graph(_pytree.flatten(args)[0])
        args = list(args)
        specs, tracked = [], []
        for n in nums:
            leaves, spec = _pytree.flatten(args[n])
            leaves = [track(x) for x in leaves]
            args[n] = _pytree.unflatten(leaves, spec)
            specs.append(spec)
            tracked.append(leaves)
        with nested(), enable_grad():
            result = func(*args, **kwargs)
            out, aux = _split_aux(result, has_aux)
            _check_scalar(out)
            flat = [x for leaves in tracked for x in leaves]
            if out.requires_grad:
                gs = autograd_grad(out, flat, create_graph=True, allow_unused=True)
            else:
                gs = (None,) * len(flat)
        gs = [zeros_like(x) if g is None else g for g, x in zip(gs, flat)]
        grads, start = [], 0
        for spec, leaves in zip(specs, tracked):
            grads.append(_pytree.unflatten(gs[start:start + len(leaves)], spec))
            start += len(leaves)
        g = tuple(grads) if isinstance(argnums, tuple) else grads[0]
        value = (out, aux) if has_aux else out
        return finish(g, keep), finish(value, keep)

    return wrapper


def _split_aux(result: Any, has_aux: bool) -> tuple[Any, Any]:
    if not has_aux:
        return result, None
    if not (isinstance(result, tuple) and len(result) == 2):
        raise RuntimeError("grad_and_value(f)(*args): output of function f should be a tuple: "
                           "(output, aux) if has_aux is True")
    return result


def _check_scalar(out: Any) -> None:
    if not isinstance(out, Tensor):
        raise RuntimeError(f"grad_and_value(f)(*args): Expected f(*args) to return a Tensor, "
                           f"got {type(out)}")
    if out.dim() != 0:
        raise RuntimeError(f"grad_and_value(f)(*args): Expected f(*args) to return a scalar "
                           f"Tensor, got tensor with {out.dim()} dims. Maybe you wanted to use "
                           "the vjp or jacrev APIs instead?")


def vjp(func: Callable, *primals: Any, has_aux: bool = False) -> tuple:
    """(func(*primals), vjp_fn[, aux]): vjp_fn(cotangents) gives one gradient per primal, as a
    tuple; it can be called several times."""
    keep = keeps_graph(_pytree.flatten(primals)[0])
    leaves, spec = _pytree.flatten(primals)
    leaves = [track(x) for x in leaves]
    with nested(), enable_grad():
        result = func(*_pytree.unflatten(leaves, spec))
    if has_aux:
        if not (isinstance(result, tuple) and len(result) == 2):
            raise RuntimeError("vjp(f, *primals): output of function f should be a tuple: "
                               "(output, aux) if has_aux is True")
        result, aux = result
    outs, out_spec = _pytree.flatten(result)

    def vjp_fn(cotangents: Any) -> tuple:
        cts, ct_spec = _pytree.flatten(cotangents)
        if ct_spec != out_spec:
            raise RuntimeError("Expected pytree structure of cotangents to be the same as "
                               "pytree structure of outputs to the function")
        pairs = [(o, c) for o, c in zip(outs, cts) if o.requires_grad]
        with nested(), enable_grad():
            gs = (autograd_grad([o for o, _ in pairs], leaves, [c for _, c in pairs],
                                retain_graph=True, create_graph=True, allow_unused=True)
                  if pairs else (None,) * len(leaves))
        gs = [zeros_like(x) if g is None else g for g, x in zip(gs, leaves)]
        return finish(tuple(_pytree.unflatten(gs, spec)), keep)

    out = finish(result, keep)
    return (out, vjp_fn, finish(aux, keep)) if has_aux else (out, vjp_fn)


def jvp(func: Callable, primals: Any, tangents: Any, *, strict: bool = False,
        has_aux: bool = False) -> tuple:
    """(func(*primals), J·tangents), by differentiating a vjp (the double-vjp trick)."""
    if not isinstance(primals, tuple):
        raise RuntimeError("jvp(f, primals, tangents): Expected primals to be a tuple. E.g. it "
                           "should be valid to call f(*primals).")
    if not isinstance(tangents, tuple) or len(tangents) != len(primals):
        raise RuntimeError("jvp(f, primals, tangents): Expected primals and tangents to have the "
                           "same python structure. For example, if primals is a tuple of 3 "
                           "tensors, tangents also must be. Got primals with structure "
                           f"{_shape_text(primals)} and tangents with structure "
                           f"{_shape_text(tangents)}")
    keep = keeps_graph(_pytree.flatten(primals)[0])
    leaves, spec = _pytree.flatten(primals)
    leaves = [track(x) for x in leaves]
    tans = _pytree.flatten(tangents)[0]
    with nested(), enable_grad():
        result = func(*_pytree.unflatten(leaves, spec))
        if has_aux:
            result, aux = _split_aux(result, True)
        outs, out_spec = _pytree.flatten(result)
        dummies = [zeros_like(o).requires_grad_(True) for o in outs]
        live = [(o, u) for o, u in zip(outs, dummies) if o.requires_grad]
        if live:
            gs = autograd_grad([o for o, _ in live], leaves, [u for _, u in live],
                               create_graph=True, allow_unused=True)
            pairs = [(g, t) for g, t in zip(gs, tans) if g is not None and g.requires_grad]
        else:
            pairs = []
        jv = (autograd_grad([g for g, _ in pairs], dummies, [t for _, t in pairs],
                            create_graph=True, allow_unused=True)
              if pairs else (None,) * len(outs))
    jv = [zeros_like(o) if j is None else j for j, o in zip(jv, outs)]
    out = finish(result, keep)
    tangent_out = finish(_pytree.unflatten(jv, out_spec), keep)
    return (out, tangent_out, finish(aux, keep)) if has_aux else (out, tangent_out)


def _shape_text(tree: Any) -> str:
    return type(tree).__name__ + (f" of length {len(tree)}" if isinstance(tree, tuple) else "")
