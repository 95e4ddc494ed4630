"""The scalar-speed paths give the same values, gradients, grad_fn names and errors as the general
ones: implicit `loss.backward()`, 0-dim operands (against 1-element and broadcast shapes), Python
number operands, `x ** number`, the backward walk over a short graph, version checks skipped when
nothing changed in place, and slotted tensors (the lazily loaded parts of `import engine`: see
test_lazy_import)."""
from __future__ import annotations

import copy
import pickle
import weakref

import numpy as np
import pytest

import engine


def _lib(name: str):
    return engine if name == "engine" else pytest.importorskip("torch")


def _grad_fn_name(t):
    return None if t.grad_fn is None else type(t.grad_fn).__name__


# -------------------------------------------------------------- the same graph in several shapes
EXPRESSIONS = {
    "lecture": lambda L, x: -L.log(1 / (1 + L.exp(-x)) + 1) / (x ** 2 + 1),
    "int_scalars": lambda L, x: 2 * x - 3 + x / 4 - 1 / x,
    "float_scalars": lambda L, x: 0.5 * x + 1.25 - x / 3.0 - 2.5 / x,
    "bool_scalar": lambda L, x: x * True + (x + False),
    "powers": lambda L, x: x ** 2 + x ** 3 + x ** -1 + x ** 0.5 + x ** 2.5 + x ** 1 + x ** 0,
    "neg_chain": lambda L, x: -(-(-x)) * -x,
    "reused": lambda L, x: (x * x) * (x * x) + x,
    # (tanh is left out: in float64 torch's tanh is not correctly rounded, the engine's is)
    "unary": lambda L, x: L.sin(x) * L.cos(x) + L.sigmoid(x) + L.sqrt(x) + L.exp(-x),
    "div_mixed": lambda L, x: (x / (x + 1)) / (x * 2),
}


@pytest.mark.torch
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape", [(), (1,), (1, 1)])
@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_scalar_graphs_match_pytorch_in_every_one_element_shape(name, shape, dtype):
    results = {}
    for lib_name in ("engine", "torch"):
        L = _lib(lib_name)
        x = L.tensor(np.full(shape, 0.7), dtype=getattr(L, dtype), requires_grad=True)
        y = EXPRESSIONS[name](L, x)
        y.backward()
        results[lib_name] = (y.detach().numpy().copy(), x.grad.numpy().copy(), _grad_fn_name(y),
                             repr(y.dtype), y.requires_grad)
    e, t = results["engine"], results["torch"]
    assert e[2:] == t[2:]
    np.testing.assert_array_equal(e[0], t[0])
    np.testing.assert_array_equal(e[1], t[1])
    assert e[0].shape == t[0].shape and e[1].shape == t[1].shape


def test_zero_dim_and_one_element_give_the_same_numbers():
    for name, fn in EXPRESSIONS.items():
        out = []
        for shape in [(), (1,), (1, 1)]:
            x = engine.tensor(np.full(shape, 0.7), dtype=engine.float32, requires_grad=True)
            y = fn(engine, x)
            y.backward()
            assert y.shape == shape and x.grad.shape == shape, name
            out.append((y.item(), x.grad.item(), _grad_fn_name(y)))
        assert out[0] == out[1] == out[2], name


@pytest.mark.torch
@pytest.mark.parametrize("case", [
    "zero_dim_times_matrix", "matrix_plus_zero_dim", "zero_dim_over_row", "int_zero_dim",
    "f64_zero_dim_with_f32_matrix", "python_float_with_int_tensor", "bool_tensor_plus_int",
    "int_div_int",
])
def test_zero_dim_operands_broadcast_and_promote_like_pytorch(case):
    results = {}
    for lib_name in ("engine", "torch"):
        L = _lib(lib_name)
        s = L.tensor(1.5, requires_grad=True)
        m = L.tensor([[1.0, -2.0, 3.0], [0.5, 0.25, -4.0]], requires_grad=True)
        exprs = {
            "zero_dim_times_matrix": lambda: s * m,
            "matrix_plus_zero_dim": lambda: m + s,
            "zero_dim_over_row": lambda: s / m[0],
            "int_zero_dim": lambda: m * L.tensor(3),
            "f64_zero_dim_with_f32_matrix": lambda: m * L.tensor(2.0, dtype=L.float64),
            "python_float_with_int_tensor": lambda: L.tensor([1, 2]) * 0.5,
            "bool_tensor_plus_int": lambda: L.tensor([True, False]) + 1,
            "int_div_int": lambda: L.tensor(7) / L.tensor(2),
        }
        y = exprs[case]()
        grads = None
        if y.requires_grad:
            y.sum().backward()
            grads = (s.grad.numpy().copy() if s.grad is not None else None,
                     m.grad.numpy().copy() if m.grad is not None else None)
        results[lib_name] = (y.detach().numpy().copy(), repr(y.dtype), _grad_fn_name(y), grads)
    e, t = results["engine"], results["torch"]
    np.testing.assert_array_equal(e[0], t[0])
    assert e[1:3] == t[1:3]
    if t[3] is None:
        assert e[3] is None
    else:
        for ge, gt in zip(e[3], t[3]):
            assert (ge is None) == (gt is None)
            if gt is not None:
                assert ge.shape == gt.shape
                np.testing.assert_array_equal(ge, gt)


# -------------------------------------------------------------- implicit loss.backward()
def test_implicit_gradient_of_a_leaf_is_an_own_writable_buffer():
    x = engine.tensor(2.0, requires_grad=True)
    x.backward()
    assert x.grad.item() == 1.0
    x.grad.add_(1)           # the shared ones buffer must not be what .grad holds
    x.grad.numpy()[...] = 5
    y = engine.tensor(3.0, requires_grad=True)
    y.backward()
    assert y.grad.item() == 1.0 and x.grad.item() == 5.0


def test_implicit_gradient_seen_by_hooks_and_retain_grad_can_be_changed_in_place():
    x = engine.tensor([2.0], requires_grad=True)
    y = x * 3
    y.retain_grad()
    seen = []

    def hook(g):
        seen.append(g.tolist())
        g.mul_(2)  # in place on the implicit ones: must not leak into later backward calls

    y.register_hook(hook)
    y.backward()
    assert seen == [[1.0]] and x.grad.tolist() == [6.0]
    z = x * 3
    z.backward()
    assert x.grad.tolist() == [9.0]


@pytest.mark.parametrize("shape", [(), (1,), (1, 1, 1)])
def test_implicit_gradient_for_one_element_outputs(shape):
    x = engine.tensor(np.full(shape, 2.0), dtype=engine.float64, requires_grad=True)
    (x * x).backward()
    assert x.grad.shape == shape and x.grad.dtype is engine.float64 and x.grad.item() == 4.0


def test_implicit_gradient_errors_are_unchanged():
    with pytest.raises(RuntimeError, match="grad can be implicitly created only for scalar"):
        (engine.ones(2, requires_grad=True) * 2).backward()
    with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad"):
        engine.tensor(1.0).backward()
    with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad"):
        engine.tensor(1).backward()
    x = engine.tensor(1.0, requires_grad=True)
    y = x * x
    y.backward(retain_graph=True)
    y.backward()
    assert x.grad.item() == 4.0
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        y.backward()


# -------------------------------------------------------------- backward walk
def test_roots_reachable_from_each_other_and_shared_subgraphs():
    x = engine.tensor(2.0, requires_grad=True)
    a = x * 3
    b = a * a          # b depends on root a
    engine.autograd.backward([b, a], retain_graph=True)
    assert x.grad.item() == 2 * 6.0 * 3 + 3   # d(b)/dx + d(a)/dx
    x.grad = None
    engine.autograd.backward([a, b])
    assert x.grad.item() == 39.0
    ga, = engine.autograd.grad([x * x, x * 4], [x])
    assert ga.item() == 8.0


def test_unused_branch_and_branch_without_gradient():
    x = engine.tensor(2.0, requires_grad=True)
    c = engine.tensor(5.0)
    y = x * c + c * c   # the c*c branch needs no gradient
    y.backward()
    assert x.grad.item() == 5.0 and c.grad is None


# -------------------------------------------------------------- in-place version checks
def test_in_place_changes_of_unsaved_tensors_leave_version_tracking_off():
    from engine.autograd.node import VERSIONS

    was = VERSIONS.tracking
    try:
        VERSIONS.tracking = False
        x = engine.tensor(3.0, requires_grad=True)
        for _ in range(3):  # the lecture loop: .grad is zeroed in place, never saved by a node
            y = x * x + x / 2
            y.backward()
            x.data = x.data - 0.1 * x.grad
            x.grad.zero_()
        with engine.no_grad():
            engine.zeros(2).add_(1)
        assert not VERSIONS.tracking
        w = engine.tensor([1.0, 2.0])
        z = x * w           # w is saved: changing it in place now matters
        w.mul_(2)
        assert VERSIONS.tracking
        with pytest.raises(RuntimeError, match="is at version 1; expected version 0 instead"):
            z.sum().backward()
        v = engine.tensor([1.0, 2.0])
        v.add_(1)           # changed before being saved: its version is remembered on saving
        z = x * v
        z.sum().backward()
        v.add_(1)
        z = x * v
        v.add_(1)
        with pytest.raises(RuntimeError, match="is at version 3; expected version 2 instead"):
            z.sum().backward()
    finally:
        VERSIONS.tracking = was or VERSIONS.tracking


def test_in_place_change_after_saving_still_raises_with_tracking_on():
    engine.zeros(1).add_(1)
    x = engine.tensor(2.0, requires_grad=True)
    c = engine.tensor(3.0)
    y = x * c
    engine.zeros(1).zero_()   # an unrelated in-place change: no error
    y.backward(retain_graph=True)
    assert x.grad.item() == 3.0
    c.add_(1)
    with pytest.raises(RuntimeError, match="is at version 1; expected version 0 instead"):
        y.backward()


def test_nodes_saved_before_tracking_started_are_checked():
    from engine.autograd.node import VERSIONS

    was = VERSIONS.tracking
    try:
        VERSIONS.tracking = False
        x = engine.tensor([1.0, 2.0], requires_grad=True)
        y = x.exp()
        y.add_(1)
        with pytest.raises(RuntimeError, match="output 0 of Exp, is at version 1"):
            y.sum().backward()
    finally:
        VERSIONS.tracking = was or VERSIONS.tracking


# -------------------------------------------------------------- x ** number, neg, div
@pytest.mark.torch
@pytest.mark.parametrize("expr", [
    "x ** 2", "x ** 2.0", "x ** True", "x ** np.int64(2)", "x ** np.float32(0.5)",
    "torch.pow(x, 3)", "x.pow(-2)", "xi ** 2", "xi ** 0.5", "-x", "-xi", "xi / 2", "xi / xi",
    "x / 2", "x.square()", "x.reciprocal()", "1 / xi",
])
def test_operator_fast_paths_match_pytorch(expr):
    results = {}
    for lib_name in ("engine", "torch"):
        L = _lib(lib_name)
        x = L.tensor([0.5, 2.0], requires_grad=True)
        xi = L.tensor([1, 4])
        y = eval(expr, {"torch": L, "x": x, "xi": xi, "np": np})
        if y.requires_grad:
            y.sum().backward()
        results[lib_name] = (y.detach().numpy().copy(), repr(y.dtype), _grad_fn_name(y),
                             None if x.grad is None else x.grad.numpy().copy())
    e, t = results["engine"], results["torch"]
    np.testing.assert_array_equal(e[0], t[0])
    assert e[1:3] == t[1:3]
    if t[3] is None:
        assert e[3] is None
    else:
        np.testing.assert_array_equal(e[3], t[3])


def test_operator_errors_are_unchanged():
    b = engine.tensor([True, False])
    with pytest.raises(RuntimeError, match="Negation, the `-` operator, on a bool tensor"):
        -b
    with pytest.raises(RuntimeError, match="Subtraction, the `-` operator, with two bool"):
        b - b
    with pytest.raises(RuntimeError, match="Integers to negative integer powers"):
        engine.tensor([2]) ** -1
    with pytest.raises(TypeError):
        engine.tensor(1.0) * "a"


# -------------------------------------------------------------- in place on 0-dim
def test_in_place_on_zero_dim_tensors():
    x = engine.tensor(2.0, requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
        x.add_(1)
    with engine.no_grad():
        x.add_(1)
        x -= 0.5
    assert x.item() == 2.5 and x.requires_grad and x.is_leaf
    y = x * 2
    y.mul_(3)
    assert type(y.grad_fn).__name__ == "MulBackward0"
    y.backward()
    assert x.grad.item() == 6.0
    alias = x.data
    alias.zero_()
    assert x.item() == 0.0           # .data shares storage with x, also when 0-dim


# -------------------------------------------------------------- tensors are slotted objects
def test_slotted_tensor_keeps_attributes_weakrefs_copies_and_pickles():
    t = engine.tensor([1.0, 2.0], requires_grad=True)
    t.my_name = "w"                  # arbitrary attributes, as on torch tensors
    assert t.my_name == "w"
    assert weakref.ref(t)() is t
    (t * 2).sum().backward()
    d = copy.deepcopy(t)
    assert d.my_name == "w" and d.requires_grad and d.grad.tolist() == [2.0, 2.0]
    assert d.is_leaf and d._data is not t._data
    p = pickle.loads(pickle.dumps(t))
    assert p.tolist() == [1.0, 2.0] and p.requires_grad and p.is_leaf
    w = engine.nn.Parameter(engine.zeros(2))
    assert w.requires_grad and w.is_leaf and w.grad_fn is None
    legacy = engine.Tensor([1, 2])
    assert legacy.grad_fn is None and not legacy.requires_grad and legacy.dtype is engine.float32
