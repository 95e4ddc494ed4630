"""`autograd.Function`: user-defined ops with a hand-written backward, as in PyTorch.

    class Square(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g

    y = Square.apply(x)          # y.grad_fn is <torch.autograd.function.SquareBackward object ...>

The ctx is the graph node of the outputs. `backward` gets one gradient per output of `forward`
(zeros for outputs that received none, unless `ctx.set_materialize_grads(False)`) and returns
one per input of `forward` (None for inputs that need none).

The engine's nodes have a single output. A Function with one differentiable output (the usual
case, and the one `mark_non_differentiable` leaves for `values, indices` style functions) is
such a node. With several, each differentiable output gets its own small node (`_OutputSlot`)
that places its gradient at the output's offset in one flat vector (and sets the output's
"received" flag at its end); the slots' vectors add up in the engine to the concatenation of
all outputs' gradients, which the ctx splits again.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from engine.autograd.grad_mode import STATE
from engine.autograd.node import FREED, FREED_MESSAGE, Node, next_sequence_nr

ONCE_DIFFERENTIABLE_MESSAGE = (
    "trying to differentiate twice a function that was marked with @once_differentiable"
)


class FunctionCtx(Node):
    """The `ctx` passed to forward/backward; it is also the graph node of the outputs."""

    _fn = None
    needs_input_grad: tuple = ()
    _materialize = True
    _non_differentiable: tuple = ()   # tensors passed to mark_non_differentiable
    _dirty: tuple = ()                # tensors passed to mark_dirty
    _outputs: tuple = ()              # per forward output: (shape, dtype) or None (not a tensor)
    _wired: tuple = ()                # per forward output: None, or (start, stop, flag) in the
    #                                   flat gradient (several differentiable outputs), or ()
    #                                   (the single differentiable output: the gradient itself)
    _input_shapes: tuple = ()
    _pre_hooks = None
    _post_hooks = None

    def save_for_backward(self, *tensors) -> None:
        from engine.tensor import Tensor

        for i, t in enumerate(tensors):
            if t is not None and not isinstance(t, Tensor):
                raise TypeError("save_for_backward can only save variables, but argument "
                                f"{i} is of type {type(t).__name__}")
        self.save(*tensors)

    @property
    def saved_tensors(self) -> tuple:
        if self.saved is FREED:
            raise RuntimeError(FREED_MESSAGE)
        return self.saved or ()

    def mark_non_differentiable(self, *tensors) -> None:
        """These outputs will not require grad; backward still gets a (zero) gradient for them."""
        self._non_differentiable = self._non_differentiable + tensors

    def mark_dirty(self, *tensors) -> None:
        """These inputs were modified in place by forward: they are returned as themselves, now
        computed by this node."""
        self._dirty = self._dirty + tensors

    def set_materialize_grads(self, value: bool) -> None:
        """False: outputs that received no gradient give None to backward instead of zeros."""
        self._materialize = bool(value)

    def register_prehook(self, fn: Callable):
        """fn(grad_outputs) before backward; a returned tuple replaces the gradients."""
        from engine.tensor import _HookHandle

        if self._pre_hooks is None:
            self._pre_hooks = []
        self._pre_hooks.append(fn)
        return _HookHandle(self._pre_hooks, fn)

    def register_hook(self, fn: Callable):
        """fn(grad_inputs, grad_outputs) after backward; a returned tuple replaces grad_inputs."""
        from engine.tensor import _HookHandle

        if self._post_hooks is None:
            self._post_hooks = []
        self._post_hooks.append(fn)
        return _HookHandle(self._post_hooks, fn)

    def __repr__(self) -> str:
        return f"<torch.autograd.function.{type(self).__name__} object at {hex(id(self))}>"

    @property
    def next_functions(self) -> tuple:
        """One edge per tensor input (torch has none for the other arguments)."""
        return tuple((n, 0) for n, shape in zip(self._next, self._input_shapes)
                     if shape is not None)

    def backward(self, g):
        # Hooks see the gradients as they arrived (None for outputs that got none); backward
        # gets them materialized, and its result before inputs that need no grad are dropped.
        grads = self._output_grads(g)
        for hook in self._pre_hooks or ():
            r = hook(grads)
            if r is not None:
                grads = tuple(r)
        result = self._fn.backward(self, *self._materialized(grads))
        result = self._checked(result if isinstance(result, tuple) else (result,))
        for hook in self._post_hooks or ():
            r = hook(result, grads)
            if r is not None:
                result = tuple(r)
        return tuple(None if edge is None else gi for edge, gi in zip(self._next, result))

    def _output_grads(self, g) -> tuple:
        """One gradient (or None) per forward output, from what the engine delivered."""
        grads = []
        for meta, wired in zip(self._outputs, self._wired):
            if wired == ():
                grads.append(g)
            elif wired is not None and g._data[wired[2]]:
                shape, dtype = meta
                grads.append(g[wired[0]:wired[1]].reshape(shape).to(dtype))
            else:
                grads.append(None)
        return tuple(grads)

    def _materialized(self, grads: tuple) -> tuple:
        """Zeros for the tensor outputs that got no gradient (unless set_materialize_grads)."""
        from engine.tensor import wrap

        if not self._materialize:
            return grads
        return tuple(wrap(np.zeros(meta[0], dtype=meta[1])) if gi is None and meta is not None
                     else gi for gi, meta in zip(grads, self._outputs))

    def _checked(self, grads: tuple) -> tuple:
        """torch's validation of what backward returned: one Tensor or None per input."""
        from engine.ops._core import tensor_of
        from engine.tensor import Tensor

        name = type(self).__name__
        n = len(self._next)
        if len(grads) > n and all(gi is None for gi in grads[n:]):
            grads = grads[:n]
        if len(grads) != n:
            raise RuntimeError(f"function {name} returned an incorrect number of gradients "
                               f"(expected {n}, got {len(grads)})")
        out = []
        for i, (gi, shape) in enumerate(zip(grads, self._input_shapes)):
            if gi is None:
                out.append(None)
                continue
            if shape is None:
                raise RuntimeError(f"function {name} returned a gradient different than None at "
                                   f"position {i + 1}, but the corresponding forward input was "
                                   "not a Variable")
            gi = gi if isinstance(gi, Tensor) else tensor_of(gi)
            if gi._data.shape != shape and not _expandable(shape, gi._data.shape):
                raise RuntimeError(f"Function {name} returned an invalid gradient at index {i} - "
                                   f"got {list(gi._data.shape)} but expected shape compatible "
                                   f"with {list(shape)}")
            out.append(gi)
        return tuple(out)


def _expandable(shape: tuple, to: tuple) -> bool:
    """Whether a tensor of `shape` broadcasts to `to` (then its gradient sums back to it)."""
    if len(shape) > len(to):
        return False
    return all(s == t or s == 1 for s, t in zip(reversed(shape), reversed(to)))


class _OutputSlot(Node):
    """Edge of one of several differentiable outputs: puts the output's gradient at its place
    (`args`: start, stop) in the flat vector sent to the ctx, and a 1 at its flag position
    (`args`: flag; the flags follow the gradients), so the ctx tells an output that got no
    gradient from one that got zeros. It stands for the ctx wherever the output's grad_fn is
    shown."""

    def backward(self, g):
        from engine.ops.join import cat
        from engine.tensor import wrap

        ctx = self._ctx
        start, stop, flag = self.args
        tail = np.zeros(ctx._shape[0] - stop, dtype=ctx._dtype)
        tail[flag - stop] = 1
        parts = [g.reshape(-1).to(ctx._dtype), wrap(tail)]
        if start:
            parts.insert(0, wrap(np.zeros(start, dtype=ctx._dtype)))
        return (cat(parts),)

    def name(self) -> str:
        return self._ctx.name()

    @property
    def next_functions(self) -> tuple:
        return self._ctx.next_functions

    def __repr__(self) -> str:
        return repr(self._ctx)

    def register_hook(self, fn: Callable):
        return self._ctx.register_hook(fn)

    def register_prehook(self, fn: Callable):
        return self._ctx.register_prehook(fn)

    def __getattr__(self, name: str):
        ctx = self.__dict__.get("_ctx")
        if ctx is None:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return getattr(ctx, name)


class Function:
    """Subclass with static `forward(ctx, *args)` and `backward(ctx, *grads)`; call `apply`.
    (Or torch's other style: `forward(*args)` plus `setup_context(ctx, inputs, output)`.)"""

    _node_cls = None
    _slot_cls = None
    _backward_name = None  # grad_fn name; PyTorch's default is "<ClassName>Backward"

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx, *grads):
        raise NotImplementedError("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.")

    def __call__(self, *args, **kwargs):
        # Pre-1.3 style `MyFunction()(x)`, still in old tutorials.
        raise RuntimeError("Legacy autograd function with non-static forward method is "
                           "deprecated. Please use new-style autograd function with static forward "
                           "method. (Example: "
                           "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)")

    @classmethod
    def _node_class(cls):
        if cls.__dict__.get("_node_cls") is None:
            name = cls._backward_name or cls.__name__ + "Backward"
            body = {"_fn": cls, "__module__": "torch.autograd.function", "__qualname__": name}
            cls._node_cls = type(name, (FunctionCtx,), body)
            cls._slot_cls = type(name, (_OutputSlot,), dict(body))
        return cls._node_cls

    @classmethod
    def apply(cls, *args, **kwargs):
        from engine.tensor import edge_of

        ctx = cls._node_class()()
        prev = STATE.enabled
        edges = tuple(edge_of(a) for a in args) if prev else (None,) * len(args)
        ctx.needs_input_grad = tuple(e is not None for e in edges)
        STATE.enabled = False
        try:
            if cls.setup_context is Function.setup_context:
                out = cls.forward(ctx, *args, **kwargs)
            else:
                out = cls.forward(*args, **kwargs)
                cls.setup_context(ctx, args, out)
        finally:
            STATE.enabled = prev
        if prev and any(d.grad_fn is None and d._rg for d in ctx._dirty):
            raise RuntimeError("a leaf Variable that requires grad has been used in an in-place "
                               "operation.")
        is_tuple = isinstance(out, tuple)
        returned = out if is_tuple else (out,)
        outs = tuple(_output(o, args, ctx) for o in returned)
        if any(e is not None for e in edges):
            _wire(ctx, edges, args, returned, outs)
        return outs if is_tuple else outs[0]


def _output(o: Any, args: tuple, ctx: FunctionCtx) -> Any:
    """The tensor `apply` returns for forward's output `o`: `o` itself, except an input returned
    unchanged (not marked dirty), which comes back as a new tensor on the same data (torch
    returns a view), so that the input keeps its own history."""
    from engine.tensor import Tensor

    if not isinstance(o, Tensor) or any(o is d for d in ctx._dirty):
        return o
    if any(o is a for a in args):
        return o.detach()
    return o


def _wire(ctx: FunctionCtx, edges: tuple, args: tuple, returned: tuple, outs: tuple) -> None:
    """Make `ctx` the node of the differentiable outputs `outs` (float tensors whose `returned`
    forward output was not marked non-differentiable); the others need no grad."""
    from engine.tensor import Tensor

    ctx._next = edges
    ctx._seq = next_sequence_nr()
    ctx._input_shapes = tuple(a._data.shape if isinstance(a, Tensor) else None for a in args)
    ctx._outputs = tuple((o._data.shape, o._data.dtype) if isinstance(o, Tensor) else None
                         for o in outs)
    diff = [k for k, o in enumerate(returned) if isinstance(o, Tensor)
            and o._data.dtype.kind == "f" and not any(o is t for t in ctx._non_differentiable)]
    wired: list = [None] * len(outs)
    for k, o in enumerate(outs):
        if isinstance(o, Tensor) and k not in diff:
            o.grad_fn = None
            o._rg = False
    if len(diff) == 1:
        o = outs[diff[0]]
        wired[diff[0]] = ()
        ctx._shape, ctx._dtype = o._data.shape, o._data.dtype
        o.grad_fn = ctx
        o._rg = True
    elif diff:
        sizes = [outs[k]._data.size for k in diff]
        total = sum(sizes)
        ctx._shape = (total + len(diff),)  # the gradients, then one flag per output
        ctx._dtype = np.result_type(*[outs[k]._data.dtype for k in diff])
        start = 0
        for j, (k, size) in enumerate(zip(diff, sizes)):
            o = outs[k]
            slot = type(ctx)._fn._slot_cls()
            slot._ctx = ctx
            slot._next = (ctx,)
            slot._seq = next_sequence_nr()
            slot._shape, slot._dtype = o._data.shape, o._data.dtype
            slot.args = wired[k] = (start, start + size, total + j)
            start += size
            o.grad_fn = slot
            o._rg = True
    ctx._wired = tuple(wired)


class Error(Node):
    """Output of a once_differentiable backward run with create_graph: differentiating it
    raises (torch's DelayedError, whose node is named Error)."""

    def backward(self, g):
        raise RuntimeError(ONCE_DIFFERENTIABLE_MESSAGE)

    def name(self) -> str:
        return "torch::autograd::Error"



def once_differentiable(fn: Callable) -> Callable:
    """Decorator for a Function's backward that is not itself differentiable: it runs without
    recording a graph; when a graph was asked for (create_graph) and the incoming gradients
    require grad, its results raise if anyone differentiates through them."""
    import functools

    @functools.wraps(fn)
    def wrapper(ctx, *args):
        from engine.tensor import Tensor, record

        prev = STATE.enabled
        STATE.enabled = False
        try:
            outputs = fn(ctx, *args)
        finally:
            STATE.enabled = prev
        if not prev:
            return outputs
        needing = tuple(a for a in args if isinstance(a, Tensor) and a.requires_grad)
        if not needing:
            return outputs
        is_tuple = isinstance(outputs, tuple)
        wrapped = tuple(record(Error, o._data, needing) if isinstance(o, Tensor) else o
                        for o in (outputs if is_tuple else (outputs,)))
        return wrapped if is_tuple else wrapped[0]

    return wrapper


class InplaceFunction(Function):
    """torch's base for Functions with an `inplace` flag."""

    def __init__(self, inplace: bool = False) -> None:
        self.inplace = inplace


__all__ = ["Function", "FunctionCtx", "InplaceFunction", "once_differentiable"]
