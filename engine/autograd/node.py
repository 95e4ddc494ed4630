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
            if not hasattr(x, "_data"):
                continue  # a plain number
            vc = x._vc
            if vc is None:
                x._saved = True
            elif vc[0]:  # already changed in place: its version must be remembered from now on
                VERSIONS.tracking = True
                break
            else:
                vc[1] = True  # an alias's in-place change must switch tracking on too
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


# class name -> {field: reader}: torch's `_saved_<field>` attributes (filled at the end of
# this module, before any op module defines its nodes)
SAVED_FIELDS: dict[str, dict] = {}


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
    # Per saved value, the input whose gradient alone needs it (None: always needed). torch
    # saves `other` of a product only when `self` needs a gradient: a value it would not have
    # saved may be changed in place before backward (see autograd.engine._check_versions).
    saved_for: tuple | None = None

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

    def __init_subclass__(cls, **kwargs) -> None:
        # torch's `_saved_<name>` views of `saved`, as properties of the classes that have them
        # (a __getattr__ hook instead would slow every attribute read of every node).
        super().__init_subclass__(**kwargs)
        for field, read in SAVED_FIELDS.get(cls.__name__, {}).items():
            setattr(cls, "_saved_" + field, property(read))


class AccumulateGrad(Node):
    """Edge to a leaf: adds incoming gradients into `variable.grad`."""

    def __init__(self, variable) -> None:
        self._variable = weakref.ref(variable)
        self._seq = next_sequence_nr()

    @property
    def variable(self):
        return self._variable()

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"

    def backward(self, grad):
        return ()


def _saved(index: int):
    """Reader of `saved[index]`; None when torch does not save it because the input whose
    gradient uses it (the node's `saved_for`) needs none. Python numbers read as torch's
    wrapped-number tensors (int64 / float64 / bool)."""

    def read(node: Node):
        if not needed(node, index):
            return None
        saved = node.saved
        if saved is FREED:
            raise RuntimeError(FREED_MESSAGE)
        value = saved[index]
        if isinstance(value, (bool, int, float)):
            from engine import float64, tensor

            return tensor(value, dtype=float64 if isinstance(value, float) else None)
        return value

    return read


def needed(node: Node, index: int) -> bool:
    """Whether torch keeps the node's saved value `index` (see Node.saved_for)."""
    saved_for = node.saved_for
    return saved_for is None or saved_for[index] is None or node._next[saved_for[index]] is not None


def _scalar(index: int):
    """Reader of a saved Python number that torch keeps as a number (PowBackward0's exponent)."""

    def read(node: Node):
        saved = node.saved
        if saved is FREED:
            raise RuntimeError(FREED_MESSAGE)
        return saved[index]

    return read


def _alpha(node: Node):
    return 1 if node.args is None else node.args


def _arg(index: int | None = None):
    """Reader of the node's plain values (`args`, or `args[index]`); they are never freed."""

    def read(node: Node):
        value = node.args if index is None else node.args[index]
        return tuple(int(s) for s in value) if isinstance(value, tuple) else value

    return read


def _numel(node: Node) -> int:
    n = 1
    for s in node.args[0]:
        n *= int(s)
    return n


_SELF, _RESULT = {"self": _saved(0)}, {"result": _saved(0)}

# torch's `_saved_<name>` attributes of the nodes students inspect: name -> reader of `saved`
# (the layout each op's `record` call uses).
SAVED_FIELDS.update({
    "MulBackward0": {"self": _saved(0), "other": _saved(1)},
    "DivBackward0": {"self": _saved(0), "other": _saved(1)},
    "PowBackward0": {"self": _saved(0), "exponent": _scalar(1)},
    "PowBackward1": {"self": _saved(0), "exponent": _saved(1), "result": _saved(2)},
    "AddBackward0": {"alpha": _alpha}, "SubBackward0": {"alpha": _alpha},
    "RsubBackward1": {"alpha": _alpha},
    "ClampBackward1": {"self": _saved(0), "min": _arg(0), "max": _arg(1)},
    "LeakyReluBackward0": {"self": _saved(0), "negative_slope": _arg(0)},
    "ViewBackward0": {"self_sym_sizes": _arg()},
    "SumBackward0": {"self_sym_sizes": _arg(0)},
    "MeanBackward0": {"self_sym_sizes": _arg(0), "self_sym_numel": _numel},
    "MmBackward0": {"self": _saved(0), "mat2": _saved(1)},
    "MvBackward0": {"self": _saved(0), "vec": _saved(1)},
    "DotBackward0": {"self": _saved(0), "tensor": _saved(1)},
    **{name: _SELF for name in ("LogBackward0", "SinBackward0", "CosBackward0", "AbsBackward0")},
    **{name: _RESULT for name in ("ExpBackward0", "TanhBackward0", "SigmoidBackward0",
                                  "ReluBackward0", "SqrtBackward0")},
})
