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

    y = Square.apply(x)          # y.grad_fn is <SquareBackward object ...>
"""
from __future__ import annotations

from engine.autograd.grad_mode import STATE
from engine.autograd.node import FREED, FREED_MESSAGE, Node, next_sequence_nr


class FunctionCtx(Node):
    """The `ctx` passed to forward/backward; it is also the graph node of the result."""

    _fn = None
    needs_input_grad: tuple = ()

    def save_for_backward(self, *tensors) -> None:
        self.save(*tensors)

    @property
    def saved_tensors(self) -> tuple:
        if self.saved is FREED:
            raise RuntimeError(FREED_MESSAGE)
        return self.saved or ()

    def mark_non_differentiable(self, *tensors) -> None:
        pass

    def set_materialize_grads(self, value: bool) -> None:
        pass

    def backward(self, g):
        grads = self._fn.backward(self, g)
        if not isinstance(grads, tuple):
            grads = (grads,)
        from engine.ops._core import tensor_of

        out = []
        for n, gi in zip(self._next, grads):
            out.append(None if gi is None or n is None else tensor_of(gi))
        return tuple(out)


class Function:
    """Subclass with static `forward(ctx, *args)` and `backward(ctx, *grads)`; call `apply`."""

    _node_cls = None
    _backward_name = None  # grad_fn name; PyTorch's default is "<ClassName>Backward"

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx, *grads):
        raise NotImplementedError("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.")

    @classmethod
    def _node_class(cls):
        if cls.__dict__.get("_node_cls") is None:
            name = cls._backward_name or cls.__name__ + "Backward"
            cls._node_cls = type(name, (FunctionCtx,), {"_fn": cls})
        return cls._node_cls

    @classmethod
    def apply(cls, *args):
        from engine.tensor import Tensor, edge_of, wrap

        ctx = cls._node_class()()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a._rg for a in args)
        prev = STATE.enabled
        STATE.enabled = False
        try:
            out = cls.forward(ctx, *args)
        finally:
            STATE.enabled = prev
        if isinstance(out, tuple):
            raise NotImplementedError(
                "custom autograd.Function with several outputs is not supported by the engine; "
                "return one tensor"
            )
        result = wrap(out._data)
        edges = tuple(edge_of(a) for a in args)
        if prev and any(e is not None for e in edges):
            ctx._next = edges
            ctx._seq = next_sequence_nr()
            ctx._shape = out._data.shape
            ctx._dtype = out._data.dtype
            result.grad_fn = ctx
            result._rg = True
        return result
