"""The backward pass: walk the graph from the outputs in dependency order, without recursion.

Kahn's algorithm over `Node._next` edges: count how many consumers each node has, then run a
node once all its consumers delivered their gradients. Broadcast gradients are summed back to
the receiving node's shape (and cast to its dtype) here, once, so op rules never do it.
"""
from __future__ import annotations

import re

import numpy as np

from engine.autograd.grad_mode import STATE
from engine.autograd.node import (
    FREED, FREED_MESSAGE, VERSIONS, AccumulateGrad, Node, versions_of,
)


def _count_consumers(roots: list[Node]) -> dict[Node, int]:
    """How many edges point at each node reachable from `roots` (iterative DFS)."""
    deps: dict[Node, int] = {}
    start = roots[0] if len(roots) == 1 else set(roots)
    stack = list(roots)
    push = stack.append
    while stack:
        for m in stack.pop()._next:
            if m is None:
                continue
            c = deps.get(m)
            if c is None:
                deps[m] = 1
                if m is not start and (start.__class__ is not set or m not in start):
                    push(m)  # a node is expanded once, when first reached
            else:
                deps[m] = c + 1
    return deps


def _fit(g, shape: tuple, dt):
    """Sum a broadcast gradient back to `shape` and cast it to `dt` (None: any dtype)."""
    if g._data.shape != shape:
        g = g.sum_to_size(shape)
    if g._data.dtype is not dt and dt is not None:
        g = g.to(dt)
    return g


def _accumulate(var, g, create_graph: bool) -> None:
    old = var._grad
    if old is None:
        # Own the buffer: the same gradient tensor may be delivered to several leaves.
        if create_graph:
            var._grad = g
        else:
            t = _new(_Tensor)
            t._data = g._data.copy()
            t.grad_fn = None
            t._rg = False
            var._grad = t
    elif create_graph or old.grad_fn is not None:
        var._grad = old + g
    else:
        od = old._data
        gd = g._data
        if od.shape == gd.shape and od.dtype is gd.dtype and od.flags.writeable:
            np.add(od, gd, out=od)  # in place, as torch: aliases of .grad see the sum
        else:
            old._data = (od + gd).astype(od.dtype, copy=False)


def _sum(a, b, create_graph: bool):
    """Add two incoming gradients; plain numpy when no graph of the gradients is wanted."""
    if create_graph:
        return a + b
    ad, bd = a._data, b._data
    if ad.shape == bd.shape and ad.dtype is bd.dtype:
        t = _new(_Tensor)
        t._data = np.add(ad, bd, out=...)
        t.grad_fn = None
        t._rg = False
        return t
    return a + b


def run_backward(roots, grads, retain_graph: bool, create_graph: bool, capture=None):
    """Backpropagate `grads` from `roots` (tensors).

    Without `capture`, gradients accumulate into leaves' `.grad`. With `capture` (a dict mapping
    node -> None), the gradient arriving at each of those nodes is stored there instead and no
    `.grad` is touched: that is `autograd.grad`.
    """
    if _edge_of is None:
        _bind_tensor()
    start: list[Node] = []
    pending: dict[Node, object] = {}
    for i, t in enumerate(roots):
        n = _edge_of(t)
        if n is None:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        g = grads[i]
        if n in pending:
            pending[n] = pending[n] + g
        else:
            pending[n] = g
            start.append(n)
    deps = _count_consumers(start)
    ready = [n for n in start if n not in deps]
    prev_mode = STATE.enabled
    STATE.enabled = create_graph
    try:
        while ready:
            n = ready.pop()
            g = pending.pop(n, None)
            if g is None:  # no gradient reached this node: only release its consumers' counts
                for m in n._next:
                    if m is not None:
                        left = deps[m] - 1
                        deps[m] = left
                        if not left:
                            ready.append(m)
                continue
            if n.__class__ is AccumulateGrad:
                var = n._variable()
                if var is None:
                    continue
                vd = var._data
                if g._data.shape != vd.shape or g._data.dtype is not vd.dtype:
                    g = _fit(g, vd.shape, vd.dtype)
                if n._hooks is not None or capture is not None:
                    _observe(n, g, capture, create_graph)
                else:
                    _accumulate(var, g, create_graph)
                continue
            gd = g._data
            if gd.shape != n._shape or gd.dtype is not n._dtype:
                g = _fit(g, n._shape, n._dtype)
            if n._hooks is not None or n._retain is not None or capture is not None:
                g = _observe(n, g, capture, create_graph)
            saved = n.saved
            if saved is not None:
                if saved is FREED:
                    raise RuntimeError(FREED_MESSAGE)
                if VERSIONS.tracking and n._epoch != VERSIONS.epoch:
                    _check_versions(n, saved)
            outs = n.backward(g)
            if saved is not None and not retain_graph:
                n.saved = FREED
            for m, gi in zip(n._next, outs):
                if m is not None:
                    if gi is not None:
                        old = pending.get(m)
                        pending[m] = gi if old is None else _sum(old, gi, create_graph)
                    left = deps[m] - 1
                    deps[m] = left
                    if not left:
                        ready.append(m)
    finally:
        STATE.enabled = prev_mode
    return capture


def _check_versions(n: Node, saved: tuple) -> None:
    """PyTorch's error when a tensor this node saved was modified in place afterwards."""
    expected = n._versions or (0,) * len(saved)
    if versions_of(saved) == expected:
        return
    for x, v in zip(saved, expected):
        now = getattr(x, "_version", None)
        if now is None or v < 0 or now == v:
            continue
        d = x._data
        what = f"[{x.type()} [{', '.join(str(s) for s in d.shape)}]]"
        fn = x.grad_fn
        if fn is not None:
            # A saved output names this node; a saved input names its current producer.
            producer = n if n in fn._next else fn
            what += f", which is output 0 of {re.sub(r'Backward[0-9]*$', '', producer.name())},"
        raise RuntimeError(
            "one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: {what} is at version {now}; expected version {v} instead. Hint: "
            "enable anomaly detection to find the operation that failed to compute its gradient, "
            "with torch.autograd.set_detect_anomaly(True, check_nan=False)."
        )


def _observe(n: Node, g, capture, create_graph: bool):
    """The rarely used parts of a visit: hooks, retain_grad, autograd.grad's capture, and the
    leaf accumulation that capture replaces."""
    if n._hooks:
        for hook in n._hooks:
            r = hook(g)
            if r is not None:
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
    return g


_edge_of = _Tensor = None
_new = object.__new__


def _bind_tensor() -> None:
    """engine.tensor imports this package, so its names are bound on the first backward."""
    global _edge_of, _Tensor
    from engine.tensor import Tensor, edge_of

    _edge_of, _Tensor = edge_of, Tensor
