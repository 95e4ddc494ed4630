"""`torch.autograd.functional`: vjp, jvp, jacobian, hessian, hvp, vhp built on `grad`.

As in PyTorch, `func` is called on fresh leaves that require grad (copies of `inputs`), results
are detached unless `create_graph=True`, and single-tensor inputs/outputs give tensors where tuples
give tuples.
"""
from __future__ import annotations

import numpy as np

from engine.autograd.functional_api import grad


def _as_tuple(x, what: str, fn: str) -> tuple[tuple, bool]:
    """`x` (a Tensor or a tuple of Tensors, nothing else, as torch checks it) as a tuple, and
    whether it was one. `what` and `fn` name it in the error."""
    from engine.tensor import Tensor

    is_tuple = isinstance(x, tuple)
    xs = x if is_tuple else (x,)
    for i, el in enumerate(xs):
        if not isinstance(el, Tensor):
            where = f"value at index {i}" if is_tuple else f"given {what}"
            raise TypeError(f"The {what} given to {fn} must be either a Tensor or a tuple of "
                            f"Tensors but the {where} has type {type(el)}.")
    return xs, is_tuple


_OUTPUTS = "outputs of the user-provided function"


def _prepare(inputs, create_graph: bool) -> tuple:
    # With create_graph the caller may differentiate through the result w.r.t. the originals.
    return tuple(x.view_as(x) if create_graph and x.requires_grad else x.detach().requires_grad_(True)
                 for x in inputs)


def _finish(values, create_graph: bool):
    return tuple(v if create_graph or v is None else v.detach() for v in values)


def _validate_v(v: tuple, other: tuple, other_is_tuple: bool) -> None:
    """torch's check that each `v` matches the tensor it pairs with (an output for vjp, an input
    for jvp/hvp), with its messages."""
    if len(other) != len(v):
        if other_is_tuple:
            raise RuntimeError(
                f"v is a tuple of invalid length: should be {len(other)} but got {len(v)}.")
        raise RuntimeError("The given v should contain a single Tensor.")
    for idx, (el_v, el_other) in enumerate(zip(v, other)):
        if el_v.size() != el_other.size():
            prepend = f"Entry {idx} in " if other_is_tuple else ""
            raise RuntimeError(f"{prepend}v has invalid size: should be {el_other.size()} but "
                               f"got {el_v.size()}.")


def _check_v_or_single_input(v, ins: tuple, in_tuple: bool, fn: str) -> tuple | None:
    """jvp/hvp: `v` as a validated tuple, or None when the single one-element input allows it."""
    if v is not None:
        vs = _as_tuple(v, "v", fn)[0]
        _validate_v(vs, ins, in_tuple)
        return vs
    if len(ins) != 1 or ins[0].numel() != 1:
        raise RuntimeError("The vector v can only be None if the input to the user-provided "
                           "function is a single Tensor with a single element.")
    return None


def _zeros_like(x):
    from engine.creation import zeros_like

    return zeros_like(x)


def _grads(outputs: tuple, inputs: tuple, cotangents: tuple, create_graph: bool,
           independent: str | None = None) -> tuple:
    """Sum of v^T d(output)/d(input) per input (zeros where unused). In strict mode `independent`
    is torch's message for an input the outputs do not depend on ({i}: the input's index)."""
    pairs = [(o, v) for o, v in zip(outputs, cotangents) if o.requires_grad]
    gs = grad([o for o, _ in pairs], inputs, [v for _, v in pairs], retain_graph=True,
              create_graph=create_graph, allow_unused=True) if pairs else (None,) * len(inputs)
    if independent is not None:
        for i, g in enumerate(gs):
            if g is None:
                raise RuntimeError(independent.format(i=i))
    return tuple(_zeros_like(x) if g is None else g for g, x in zip(gs, inputs))


def _check_outputs_require_grad(outs: tuple, strict: bool) -> None:
    if strict:
        for i, o in enumerate(outs):
            if not o.requires_grad:
                raise RuntimeError(
                    f"Output {i} of the user-provided function does not require gradients. The "
                    "outputs must be computed in a differentiable manner from the input when "
                    "running in strict mode.")


_STRICT = " This is not allowed in strict mode."


def vjp(func, inputs, v=None, create_graph: bool = False, strict: bool = False):
    """(func(inputs), v^T J)."""
    from engine.creation import ones_like

    ins, in_tuple = _as_tuple(inputs, "inputs", "vjp")
    ins = _prepare(ins, create_graph)
    outs, out_tuple = _as_tuple(func(*ins), _OUTPUTS, "vjp")
    _check_outputs_require_grad(outs, strict)
    if v is None:
        if len(outs) != 1 or outs[0].numel() != 1:
            raise RuntimeError(
                "The vector v can only be None if the user-provided function returns a single "
                "Tensor with a single element."
            )
        vs = (ones_like(outs[0]),)
    else:
        vs, _ = _as_tuple(v, "v", "vjp")
        _validate_v(vs, outs, out_tuple)
    independent = ("The output of the user-provided function is independent of input {i}."
                   + _STRICT) if strict else None
    gs = _finish(_grads(outs, ins, vs, create_graph, independent), create_graph)
    outs = _finish(outs, create_graph)
    return (outs if out_tuple else outs[0]), (gs if in_tuple else gs[0])


def jvp(func, inputs, v=None, create_graph: bool = False, strict: bool = False):
    """(func(inputs), J v), by the double-vjp trick."""
    from engine.creation import ones_like

    ins, in_tuple = _as_tuple(inputs, "inputs", "jvp")
    ins = _prepare(ins, create_graph)
    vs = _check_v_or_single_input(v, ins, in_tuple, "jvp") or (ones_like(ins[0]),)
    outs, out_tuple = _as_tuple(func(*ins), _OUTPUTS, "jvp")
    _check_outputs_require_grad(outs, strict)
    dummies = tuple(_zeros_like(o).requires_grad_(True) for o in outs)
    gs = _grads(outs, ins, dummies, create_graph=True)
    pairs = [(g, t) for g, t in zip(gs, vs) if g.requires_grad]
    if pairs:
        jv = grad([g for g, _ in pairs], dummies, [t for _, t in pairs],
                  create_graph=create_graph, allow_unused=True)
        jv = tuple(_zeros_like(o) if j is None else j for j, o in zip(jv, outs))
    else:
        jv = tuple(_zeros_like(o) for o in outs)
    jv = _finish(jv, create_graph)
    outs = _finish(outs, create_graph)
    return (outs if out_tuple else outs[0]), (jv if out_tuple else jv[0])


def jacobian(func, inputs, create_graph: bool = False, strict: bool = False,
             vectorize: bool = False, strategy: str = "reverse-mode"):
    """d func / d inputs, shaped output.shape + input.shape (nested tuples for tuples)."""
    from engine.ops.join import stack
    from engine.tensor import wrap

    ins, in_tuple = _as_tuple(inputs, "inputs", "jacobian")
    ins = _prepare(ins, create_graph)
    outs, out_tuple = _as_tuple(func(*ins), _OUTPUTS, "jacobian")
    _check_outputs_require_grad(outs, strict)
    table = []
    for n, o in enumerate(outs):
        independent = (f"Output {n} of the user-provided function is independent of input "
                       "{i}." + _STRICT) if strict else None
        rows = [[] for _ in ins]
        for k in range(o.numel()):
            seed = np.zeros(o.numel(), dtype=o._data.dtype)
            seed[k] = 1
            gs = _grads((o,), ins, (wrap(seed.reshape(o._data.shape)),), create_graph,
                        independent)
            for i, g in enumerate(gs):
                rows[i].append(g)
        blocks = []
        for i, x in enumerate(ins):
            if rows[i]:
                j = stack(rows[i]).reshape(tuple(o.shape) + tuple(x.shape))
            else:
                j = wrap(np.zeros(tuple(o.shape) + tuple(x.shape), dtype=x._data.dtype))
            blocks.append(j if create_graph else j.detach())
        table.append(tuple(blocks) if in_tuple else blocks[0])
    return tuple(table) if out_tuple else table[0]


def hessian(func, inputs, create_graph: bool = False, strict: bool = False,
            vectorize: bool = False, outer_jacobian_strategy: str = "reverse-mode"):
    """Second derivatives of a scalar function, shaped input.shape + input.shape."""
    ins, in_tuple = _as_tuple(inputs, "inputs", "hessian")

    def gradient(*xs):
        out = func(*xs)
        if _as_tuple(out, _OUTPUTS, "hessian")[1]:  # even a 1-tuple, as torch checks it
            raise RuntimeError("The function given to hessian should return a single Tensor")
        _check_outputs_require_grad((out,), strict)
        if out.numel() != 1:
            raise RuntimeError("The Tensor returned by the function given to hessian should "
                               "contain a single element")
        gs = grad(out, xs, create_graph=True, allow_unused=True)
        gs = tuple(_zeros_like(x) if g is None else g for g, x in zip(gs, xs))
        for i, g in enumerate(gs if strict else ()):
            if not g.requires_grad:
                raise RuntimeError(
                    "While computing the hessian, found that the jacobian of the user-provided "
                    f"function with respect to input {i} is independent of the input." + _STRICT
                    + " You should ensure that your function is twice differentiable and that "
                    "the jacobian depends on the inputs (this would be violated by a linear "
                    "function for example).")
        return gs if in_tuple else gs[0]

    return jacobian(gradient, ins if in_tuple else ins[0], create_graph=create_graph,
                    strict=strict)


def hvp(func, inputs, v, create_graph: bool = False, strict: bool = False):
    """(func(inputs), H v) for a scalar function."""
    from engine.creation import ones_like

    ins, in_tuple = _as_tuple(inputs, "inputs", "hvp")
    ins = _prepare(ins, create_graph)
    vs = _check_v_or_single_input(v, ins, in_tuple, "hvp") or (ones_like(ins[0]),)
    out = func(*ins)
    gs = grad(out, ins, create_graph=True, allow_unused=True)
    gs = tuple(_zeros_like(x) if g is None else g for g, x in zip(gs, ins))
    hv = _finish(_grads(gs, ins, vs, create_graph), create_graph)
    out = out if create_graph else out.detach()
    return out, (hv if in_tuple else hv[0])


vhp = hvp  # the Hessian of a twice-differentiable scalar function is symmetric
