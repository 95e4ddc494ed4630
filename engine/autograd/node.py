"""Graph nodes: what `tensor.grad_fn` is.

A node is created by an op when any input requires grad. It holds the nodes of its inputs
(`next_functions`, PyTorch's edges), a sequence number (nodes are numbered as they are wired,
so every node is numbered after its inputs: the engine runs them in reverse numbering, as
PyTorch orders by `sequence_nr`), the shape/dtype of the tensor it produced (so the engine
can reduce a broadcast gradient back to each input's shape in one place), and the values its
backward rule needs (`saved`), which are freed after backward unless retain_graph=True.
Leaves that require grad are represented by one cached `AccumulateGrad` node each.
"""
from __future__ import annotations

import itertools
import weakref

FREED = object()  # marks `saved` after backward released it
next_sequence_nr = itertools.count().__next__


class VERSIONS:
    """In-place ops bump `tensor._version`. Until the first in-place change of a tensor that a
    node saved, nothing is recorded (every saved version is 0; `note_saved` flags saved tensors);
    from then on nodes record their saved tensors' versions, so a backward through a tensor
    modified after it was saved raises PyTorch's error. In-place changes of tensors no node ever
    saved (`x.grad.zero_()` in a training loop) leave tracking off."""

    tracking = False
    epoch = 0  # counts in-place changes: a node saved at the current epoch needs no check


def versions_of(saved: tuple) -> tuple:
    return tuple([getattr(x, "_version", -1) for x in saved])


def note_saved(node: "Node", saved: tuple) -> None:
    """Called whenever a node saves values for its backward rule."""
    if not VERSIONS.tracking:
        for x in saved:
            v = getattr(x, "_version", None)
            if v is None:
                continue  # a plain number
            if v:  # already changed in place: its version must be remembered from now on
                VERSIONS.tracking = True
                break
            x._saved = True
        else:
            return
    node._versions = versions_of(saved)
    node._epoch = VERSIONS.epoch

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward."
)


class Node:
    """Base of every grad_fn. Subclasses are named like PyTorch's (`MulBackward0`)."""

    # Defaults live on the class so the hot path only sets what an op actually has.
    saved = None          # tuple the backward rule reads, FREED once released
    args = None           # plain values for the rule (shapes, dims); never freed
    _versions = None      # versions of `saved` tensors when saved (None: all were 0)
    _epoch = -1           # VERSIONS.epoch when `_versions` was taken
    _next = ()            # input nodes (None for inputs that need no gradient)
    _seq = 0              # next_sequence_nr() when `_next` was set
    _hooks = None         # list of callables g -> g | None, run before backward
    _retain = None        # weakref to the output tensor when it called retain_grad()
    _shape = ()
    _dtype = None
    # True when `backward` is plain arithmetic on `g` and the saved values, so it also runs on
    # numpy arrays (the engine then skips a Tensor per intermediate; see autograd.engine).
    array_rule = False

    def backward(self, grad):
        """Return one gradient per input (None for an input that needs none), given the
        output's gradient: Tensors, or arrays when the engine runs an `array_rule` on arrays."""
        raise NotImplementedError

    def name(self) -> str:
        return type(self).__name__

    @property
    def next_functions(self) -> tuple:
        return tuple((n, 0) for n in self._next)

    def register_hook(self, fn):
        raise NotImplementedError("register hooks on tensors with Tensor.register_hook")

    def save(self, *values) -> None:
        """Keep `values` for the backward rule (for rules that need the op's own result)."""
        self.saved = values
        note_saved(self, values)

    def release(self) -> None:
        if self.saved is not None:
            self.saved = FREED

    @property
    def metadata(self) -> dict:
        return {}

    def __call__(self, *grads):
        out = self.backward(*grads)
        return out[0] if len(out) == 1 else out

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {hex(id(self))}>"


class AccumulateGrad(Node):
    """Edge to a leaf: adds incoming gradients into `variable.grad`."""

    def __init__(self, variable) -> None:
        self._variable = weakref.ref(variable)
        self._seq = next_sequence_nr()

    @property
    def variable(self):
        return self._variable()

    def backward(self, grad):
        return ()
