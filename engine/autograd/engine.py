"""The backward pass: walk the graph from the outputs in dependency order, without recursion.

A node runs once all its consumers delivered their gradients: nodes wait in a heap keyed by
their sequence number, and every consumer was numbered after its inputs, so the highest number
waiting is always complete. Broadcast gradients are summed back to the receiving node's shape
(and cast to its dtype) here, once, so op rules never do it.

Gradients travel as Tensors only when a graph of them is wanted (create_graph=True). Otherwise
they travel as bare numpy arrays, and rules marked `array_rule` (plain arithmetic, which numpy
arrays understand as Tensors do) run on arrays directly: on scalar exercises a Tensor per
intermediate value would cost more than the arithmetic itself.
"""
from __future__ import annotations

import re
from heapq import heappop, heappush

import numpy as np

from engine.autograd.anomaly_mode import _Anomaly
from engine.autograd.grad_mode import STATE
from engine.autograd.node import (
    FREED, FREED_MESSAGE, VERSIONS, AccumulateGrad, Node, needed, versions_of,
)


def _fit(g, shape: tuple, dt, raw: bool):
    """Sum a broadcast gradient back to `shape` and cast it to `dt` (None: any dtype)."""
    if raw:
        if g.shape != shape:
            g = _wrap(g).sum_to_size(shape)._data
        if g.dtype is not dt and dt is not None:
            g = g.astype(dt)
        return g
    if g._data.shape != shape:
        g = g.sum_to_size(shape)
    if g._data.dtype is not dt and dt is not None:
        g = g.to(dt)
    return g


class CopyBackwards(Node):
    """A leaf's first gradient when create_graph: PyTorch stores a copy of the incoming one, made
    by copying into a fresh tensor (edges: the fresh tensor, none; the incoming gradient)."""

    def backward(self, g):
        return None, g


def _accumulate(var, g, create_graph: bool) -> None:
    """Add gradient tensor `g` into `var.grad` (keeping `g`'s graph when create_graph)."""
    if not create_graph:
        _accumulate_array(var, g._data)
    elif var._grad is None:
        var._grad = _record(CopyBackwards, np.array(g._data), (None, g))
    else:
        var._grad = var._grad + g


def _accumulate_array(var, gd) -> None:
    old = var._grad
    if old is None:
        # Own the buffer: the same gradient array may be delivered to several leaves.
        var._grad = _wrap(np.array(gd))
    elif old.grad_fn is not None:
        var._grad = old + _wrap(gd)
    else:
        od = old._data
        if od.shape == gd.shape and od.dtype is gd.dtype and od.flags.writeable:
            np.add(od, gd, out=od)  # in place, as torch: aliases of .grad see the sum
        else:
            old._data = (od + gd).astype(od.dtype, copy=False)


def _sum(a, b, raw: bool, node: Node):
    """Add two gradients arriving at the same node. One may still be broadcast (each is reduced
    when its node runs): reduce both to the node's shape first, or the smaller one would be
    counted once per broadcast copy."""
    if (a.shape if raw else a._data.shape) != (b.shape if raw else b._data.shape):
        shape = _input_shape(node)
        if shape is not None:
            a, b = _fit(a, shape, None, raw), _fit(b, shape, None, raw)
    if raw:
        if a.shape == b.shape and a.dtype is b.dtype:
            return np.add(a, b)
        return (_wrap(a) + _wrap(b))._data  # torch's promotion rules, not numpy's
    return a + b


def _input_shape(node: Node):
    """The shape of the tensor `node` receives the gradient of (None: a leaf that is gone)."""
    if node.__class__ is AccumulateGrad:
        var = node._variable()
        return None if var is None else var._data.shape
    return node._shape


def _saved_arrays(n: Node, saved: tuple):
    """`n`'s saved values as an `array_rule` reads them on arrays: tensors as their arrays, 0-dim
    ones as numpy scalars (arithmetic mixing a scalar with a 0-dim array is 10x slower than
    scalar arithmetic). None when a saved tensor's dtype differs from the node's (numpy would
    promote otherwise than torch): the rule then runs on Tensors."""
    dt = n._dtype
    arrays = []
    for x in saved:
        if x.__class__ is _Tensor or isinstance(x, _Tensor):
            x = x._data
            if x.dtype is not dt:
                return None
            if not x.ndim:
                x = x[()]
        arrays.append(x)
    return arrays


def run_backward(roots, grads, retain_graph: bool, create_graph: bool, capture=None):
    """Backpropagate `grads` from `roots` (tensors).

    Without `capture`, gradients accumulate into leaves' `.grad`. With `capture` (a dict mapping
    node -> None), the gradient arriving at each of those nodes is stored there instead and no
    `.grad` is touched: that is `autograd.grad`.
    """
    if _edge_of is None:
        _bind_tensor()
    raw = not create_graph
    pending: dict[Node, object] = {}
    heap: list[tuple[int, Node]] = []
    for i, t in enumerate(roots):
        n = _edge_of(t)
        if n is None:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        g = grads[i]
        if raw:
            g = g._data[()] if not g._data.ndim else g._data
        if n in pending:
            pending[n] = _sum(pending[n], g, raw, n)
        else:
            pending[n] = g
            heappush(heap, (-n._seq, n))
    observe = capture is not None
    prev_mode = STATE.enabled
    STATE.enabled = create_graph
    try:
        while heap:
            n = heappop(heap)[1]
            g = pending.pop(n)
            if n.__class__ is AccumulateGrad:
                _to_leaf(n, g, raw, capture)
                continue
            gd = g if raw else g._data
            if gd.shape != n._shape or gd.dtype is not n._dtype:
                g = _fit(g, n._shape, n._dtype, raw)
            if observe or n._hooks is not None or n._retain is not None:
                g = _observe(n, g, capture, create_graph)
            saved = n.saved
            if saved is None:
                outs = n.backward(g if not raw or n.array_rule else _wrap(g))
            else:
                if saved is FREED:
                    raise RuntimeError(FREED_MESSAGE)
                if VERSIONS.tracking and n._epoch != VERSIONS.epoch:
                    _check_versions(n, saved)
                arrays = _saved_arrays(n, saved) if raw and n.array_rule else None
                if arrays is not None:
                    n.saved = arrays
                    try:
                        outs = n.backward(g)
                    finally:
                        n.saved = saved if retain_graph else FREED
                else:
                    outs = n.backward(_wrap(g) if raw else g)
                    if not retain_graph:
                        n.saved = FREED
            if _Anomaly.enabled and _Anomaly.check_nan:
                _raise_on_nan(n, outs)
            for m, gi in zip(n._next, outs):
                if m is not None and gi is not None:
                    if raw and gi.__class__ is _Tensor:
                        gi = gi._data
                    old = pending.get(m)
                    if old is None:
                        pending[m] = gi
                        heappush(heap, (-m._seq, m))
                    else:
                        pending[m] = _sum(old, gi, raw, m)
    finally:
        STATE.enabled = prev_mode
    return capture


def _to_leaf(n: AccumulateGrad, g, raw: bool, capture) -> None:
    """Deliver a leaf's gradient: into `.grad`, or to autograd.grad's capture, after hooks."""
    var = n._variable()
    if var is None:
        return
    vd = var._data
    gd = g if raw else g._data
    if gd.shape != vd.shape or gd.dtype is not vd.dtype:
        g = _fit(g, vd.shape, vd.dtype, raw)
    if n._hooks is not None or capture is not None:
        _observe(n, g, capture, not raw)
    elif raw:
        _accumulate_array(var, g)
    else:
        _accumulate(var, g, True)


def _raise_on_nan(n: Node, outs) -> None:
    """Anomaly mode: PyTorch's error for a rule that returned nan."""
    for i, gi in enumerate(outs):
        if gi is None:
            continue
        d = gi._data if isinstance(gi, _Tensor) else np.asarray(gi)
        if d.dtype.kind == "f" and np.isnan(d).any():
            raise RuntimeError(f"Function '{type(n).__name__}' returned nan values in its {i}th "
                               "output.")


def _check_versions(n: Node, saved: tuple) -> None:
    """PyTorch's error when a tensor this node saved was modified in place afterwards."""
    expected = n._versions or (0,) * len(saved)
    if versions_of(saved) == expected:
        return
    for k, (x, v) in enumerate(zip(saved, expected)):
        now = getattr(x, "_version", None)
        if now is None or v < 0 or now == v or not needed(n, k):
            continue
        d = x._data
        what = f"[{x.type()} [{', '.join(str(s) for s in d.shape)}]]"
        fn = x.grad_fn
        if fn is not None:
            # A saved output names this node; a saved input names its current producer.
            producer = n if n in fn._next else fn
            # torch drops "Backward0" and keeps any other overload's number: Mul, Max1
            op = re.sub(r"Backward([1-9][0-9]*)$", r"\1", re.sub(r"Backward0$", "", producer.name()))
            what += f", which is output 0 of {op},"
        raise RuntimeError(
            "one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: {what} is at version {now}; expected version {v} instead. Hint: "
            "enable anomaly detection to find the operation that failed to compute its gradient, "
            "with torch.autograd.set_detect_anomaly(True, check_nan=False)."
        )


def _observe(n: Node, g, capture, create_graph: bool):
    """The rarely used parts of a visit: hooks, retain_grad, autograd.grad's capture, and the
    leaf accumulation that capture replaces. They all see Tensors; returns `g` as it came in
    (array or Tensor), after hooks had their say."""
    raw = not create_graph
    if raw:
        g = _wrap(g)
    if n._hooks:
        for hook in n._hooks:
            r = hook(g)
            if r is not None:
                if r.shape != g.shape:
                    name = getattr(hook, "__name__", type(hook).__name__)
                    raise RuntimeError(f"hook '{name}' has changed the size of value")
                g = r
    if n._retain is not None:
        t = n._retain()
        if t is not None and t.grad_fn is n:
            _accumulate(t, g, create_graph)
    if capture is not None:
        if n in capture:
            capture[n] = g if capture[n] is None else capture[n] + g
    elif n.__class__ is AccumulateGrad and (var := n._variable()) is not None:
        _accumulate(var, g, create_graph)
        if var._post_accumulate_hooks:
            for hook in var._post_accumulate_hooks:
                if hook(var) is not None:
                    raise RuntimeError("Tensor post accumulate grad hooks should return None.")
    return g._data if raw else g


_edge_of = _Tensor = _wrap = _record = None


def _bind_tensor() -> None:
    """engine.tensor imports this package, so its names are bound on the first backward."""
    global _edge_of, _Tensor, _wrap, _record
    from engine.tensor import Tensor, edge_of, record, wrap

    _edge_of, _Tensor, _wrap, _record = edge_of, Tensor, wrap, record
