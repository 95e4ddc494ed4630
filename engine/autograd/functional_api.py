"""`backward` and `grad`: PyTorch's two entry points into the backward pass."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from engine.autograd.engine import run_backward
from engine.warn_once import warn_once

CREATE_GRAPH_CYCLE_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the parameter "
    "and its gradient which can cause a memory leak. We recommend using autograd.grad when "
    "creating the graph to avoid this. If you have to use this function, make sure to reset the "
    ".grad fields of your parameters to None after use to break the cycle and avoid the leak. "
    "(Triggered internally at /__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp:1307.)"
)


def _as_list(x) -> list:
    from engine.tensor import Tensor

    if x is None:
        return []
    if isinstance(x, Tensor):
        return [x]
    return list(x)


def _grad_outputs(outputs: list, grads: list | None) -> list:
    """One gradient per output, checked as torch's _make_grads checks them: paired by zip (extra
    gradients are ignored), each a Tensor or None (None: ones for a scalar output)."""
    from engine.tensor import Tensor, wrap

    if grads is None:
        grads = [None] * len(outputs)
    out = []
    for i, (t, g) in enumerate(zip(outputs, grads)):
        if g is None:
            if not t.requires_grad:
                # torch creates no gradient here and lets the backward pass report "element i
                # of tensors does not require grad": that error wins over the scalar check.
                out.append(wrap(np.ones(t._data.shape, dtype=t._data.dtype)))
                continue
            if t._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if t._data.dtype.kind != "f":
                raise RuntimeError(
                    "grad can be implicitly created only for real scalar outputs but got "
                    f"{t.dtype}"
                )
            out.append(wrap(np.ones(t._data.shape, dtype=t._data.dtype)))
            continue
        if not isinstance(g, Tensor):
            raise TypeError(
                f"gradients can be either Tensors or None, but got {type(g).__name__}")
        if g._data.shape != t._data.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {g.shape} and output[{i}] "
                f"has a shape of {t.shape}."
            )
        out.append(g)
    if len(out) != len(outputs):
        raise RuntimeError(
            f"grad_tensors/grad_outputs should be a sequence of length {len(outputs)}, got "
            f"{len(out)}"
        )
    return out


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph: bool = False,
             inputs=None) -> None:
    """Accumulate d(tensors)/d(leaf) into each leaf's `.grad` (or only into `inputs`)."""
    if create_graph:
        warn_once(CREATE_GRAPH_CYCLE_WARNING, stacklevel=3)  # the caller of Tensor.backward
    outputs = _as_list(tensors)
    grads = _grad_outputs(outputs, None if grad_tensors is None else _as_list(grad_tensors))
    if retain_graph is None:
        retain_graph = create_graph
    if inputs is None:
        run_backward(outputs, grads, retain_graph, create_graph)
        return
    from engine.autograd.engine import _accumulate

    targets = _as_list(inputs)
    found = grad(outputs, targets, grads, retain_graph, create_graph, allow_unused=True)
    for t, g in zip(targets, found):
        if g is not None:
            _accumulate(t, g, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph: bool = False,
         allow_unused=None, is_grads_batched: bool = False, materialize_grads: bool = False):
    """Return d(outputs)/d(inputs) as a tuple, without touching any `.grad`."""
    from engine.tensor import edge_of, wrap

    outs = _as_list(outputs)
    targets = _as_list(inputs)
    if is_grads_batched:
        return _batched_grad(outs, targets, _as_list(grad_outputs), retain_graph, create_graph,
                             allow_unused, materialize_grads)
    grads = _grad_outputs(outs, None if grad_outputs is None else _as_list(grad_outputs))
    if retain_graph is None:
        retain_graph = create_graph
    for i, t in enumerate(outs):  # torch checks the outputs before the inputs
        if not t.requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn")
    nodes = []
    for t in targets:
        n = edge_of(t)
        if n is None:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
        nodes.append(n)
    captured = run_backward(outs, grads, retain_graph, create_graph,
                            capture={n: None for n in nodes})
    result = []
    for i, (t, n) in enumerate(zip(targets, nodes)):
        g = captured[n]
        if g is None:
            if materialize_grads:
                g = wrap(np.zeros(t._data.shape, dtype=t._data.dtype))
            elif not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in "
                    "the graph. Set allow_unused=True if this is the desired behavior."
                )
        elif not create_graph:
            g = g.detach()
        result.append(g)
    return tuple(result)


def _batched_grad(outs: list, targets: list, grads: list, retain_graph, create_graph: bool,
                  allow_unused, materialize_grads: bool) -> tuple:
    """grad(is_grads_batched=True): the first dimension of every grad_output indexes a batch of
    vector-Jacobian products, computed one by one (torch vmaps them) and stacked."""
    from engine.ops._core import tensor_of
    from engine.ops.join import stack

    grads = [tensor_of(g) for g in grads]
    # torch reports the sample's shape without its first dimension (grad[0].shape[1:])
    for i, (t, g) in enumerate(zip(outs, grads)):
        if g._data.shape[1:] != t._data.shape:
            raise RuntimeError(
                "If `is_grads_batched=True`, we interpret the first dimension of each grad_output "
                "as the batch dimension. The sizes of the remaining dimensions are expected to "
                "match the shape of corresponding output, but a mismatch was detected: "
                f"grad_output[{i}] has a shape of {g.shape[2:]} and "
                f"output[{i}] has a shape of {t.shape}. If you only want some tensors in "
                "`grad_output` to be considered batched, consider using vmap.")
    n = grads[0]._data.shape[0] if grads else 0
    keep = create_graph if retain_graph is None else retain_graph
    rows = [grad(outs, targets, [g[b] for g in grads], keep or b < n - 1, create_graph,
                 allow_unused, False, materialize_grads) for b in range(n)]
    return tuple(None if col[0] is None else stack(list(col)) for col in zip(*rows))


__all__: Sequence[str] = ["backward", "grad"]
