"""Backward without create_graph runs `array_rule` rules on bare numpy arrays (0-dim ones as numpy
scalars); with create_graph it runs the same rules on Tensors. Both must give the same bits, and
the engine must visit nodes in an order where each one has all its gradient before it runs."""
from __future__ import annotations

import numpy as np
import pytest

import engine
from engine.autograd.node import Node

# One expression per rule that may run on arrays: f(x, y) with x, y > 0 where logs/roots need it.
EXPRESSIONS = {
    "AddBackward0": lambda x, y: x + y + engine.add(x, y, alpha=3),
    "SubBackward0": lambda x, y: x - y - engine.sub(y, x, alpha=0.5),
    "RsubBackward1": lambda x, y: 2.5 - x * y,
    "MulBackward0": lambda x, y: x * y * 0.1,
    "DivBackward0": lambda x, y: x / y / 3.0,
    "NegBackward0": lambda x, y: -(x * y),
    "ReciprocalBackward0": lambda x, y: 1 / (x + y),
    "PowBackward0": lambda x, y: x ** 2 + y ** 3 + x ** 0.5 + y ** -2 + x ** 0 + (x * y) ** 1.7,
    "ZeroGradBackward": lambda x, y: engine.div(x, y, rounding_mode="floor") * y + x,
    "ExpBackward0": lambda x, y: engine.exp(x * y),
    "Expm1Backward0": lambda x, y: engine.expm1(x - y),
    "LogBackward0": lambda x, y: engine.log(x * y),
    "Log2Backward0": lambda x, y: engine.log2(x + y),
    "Log10Backward0": lambda x, y: engine.log10(x + y),
    "Log1PBackward0": lambda x, y: engine.log1p(x * y),
    "SqrtBackward0": lambda x, y: engine.sqrt(x + y),
    "SinBackward0": lambda x, y: engine.sin(x * y),
    "CosBackward0": lambda x, y: engine.cos(x - y),
    "TanBackward0": lambda x, y: engine.tan(x - y),
    "TanhBackward0": lambda x, y: engine.tanh(x - y),
    "SigmoidBackward0": lambda x, y: engine.sigmoid(x - y),
    "AtanBackward0": lambda x, y: engine.atan(x * y),
    "SinhBackward0": lambda x, y: engine.sinh(x - y),
    "CoshBackward0": lambda x, y: engine.cosh(x - y),
    "AbsBackward0": lambda x, y: engine.abs(x - y),
    "ReluBackward0": lambda x, y: engine.relu(x - y),
    "SignBackward0": lambda x, y: engine.sign(x - y) * x,
}

SHAPES = {  # (x shape, y shape): equal, 0-dim, broadcast both ways
    "0-dim": ((), ()),
    "vector": ((4,), (4,)),
    "broadcast": ((2, 3), (3,)),
    "scalar-and-matrix": ((), (2, 3)),
}


def _inputs(shapes, dtype, y_dtype=None):
    rng = np.random.default_rng(7)
    x = engine.tensor(rng.uniform(0.2, 1.5, shapes[0]), dtype=dtype, requires_grad=True)
    y = engine.tensor(rng.uniform(0.3, 1.1, shapes[1]), dtype=y_dtype or dtype,
                      requires_grad=True)
    return x, y


def _grads(name, shapes, dtype, create_graph, y_dtype=None):
    x, y = _inputs(shapes, dtype, y_dtype)
    out = EXPRESSIONS[name](x, y).sum()
    gx, gy = engine.autograd.grad(out, (x, y), create_graph=create_graph, allow_unused=True)
    return [None if g is None else (g.dtype, g.detach().numpy().copy()) for g in (gx, gy)]


def test_every_array_rule_is_covered():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    declared = {c.__name__ for c in subclasses(Node) if c.__dict__.get("array_rule")}
    assert declared == set(EXPRESSIONS)


@pytest.mark.parametrize("dtype", [engine.float32, engine.float64])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", EXPRESSIONS)
def test_array_rules_give_the_bits_of_tensor_rules(name, shape, dtype):
    on_arrays = _grads(name, SHAPES[shape], dtype, create_graph=False)
    on_tensors = _grads(name, SHAPES[shape], dtype, create_graph=True)
    for a, t in zip(on_arrays, on_tensors):
        assert (a is None) == (t is None)
        if a is not None:
            assert a[0] == t[0]
            np.testing.assert_array_equal(a[1], t[1])


@pytest.mark.parametrize("name", ["MulBackward0", "DivBackward0", "AddBackward0", "PowBackward0"])
def test_rules_with_inputs_of_another_dtype_promote_as_tensors_do(name):
    """float32 (3,) with float64 0-dim: torch keeps float32 (a dimensioned tensor wins), numpy
    would compute in float64. Such nodes run their rule on Tensors."""
    on_arrays = _grads(name, ((3,), ()), engine.float32, False, y_dtype=engine.float64)
    on_tensors = _grads(name, ((3,), ()), engine.float32, True, y_dtype=engine.float64)
    assert [a[0] for a in on_arrays] == [engine.float32, engine.float64]
    for a, t in zip(on_arrays, on_tensors):
        np.testing.assert_array_equal(a[1], t[1])


def test_gradient_arrives_complete_before_a_node_runs():
    """A leaf reached through a custom Function (its edge is made after the Function's node)
    and directly: the hook sees the summed gradient, once."""
    class Square(engine.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g

    x = engine.tensor(3.0, requires_grad=True)
    seen = []
    x.register_hook(lambda g: seen.append(g.item()))
    y = Square.apply(x) + x * 4 + engine.exp(x) * 0
    y.backward()
    assert seen == [10.0]
    assert x.grad.item() == 10.0


def test_diamond_with_long_and_short_paths_sums_before_running():
    x = engine.tensor(0.5, requires_grad=True)
    a = x * 2
    long = a
    for _ in range(50):
        long = long + 0.0
    b = engine.sin(a) * long  # `a` gets gradient from the short and the long path
    seen = []
    a.register_hook(lambda g: seen.append(g.item()))
    b.backward()
    expected = np.cos(np.float32(1.0)) * np.float32(1.0) + np.sin(np.float32(1.0))
    assert len(seen) == 1
    assert seen[0] == pytest.approx(float(expected), rel=1e-6)
    assert x.grad.item() == pytest.approx(2 * float(expected), rel=1e-6)
