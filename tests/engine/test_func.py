"""torch.func on the engine: grad (nested, argnums, has_aux, pytrees), vmap (in_dims, out_dims,
nested, with grad: per-sample gradients), jacrev/jacfwd/hessian, vjp/jvp, functional_call;
known values always, PyTorch's values, reprs and messages when it is installed."""
from __future__ import annotations

import math

import numpy as np
import pytest

import engine
import engine.nn as nn
from engine.func import (functional_call, grad, grad_and_value, hessian, jacfwd, jacrev, jvp,
                         vjp, vmap)


def test_grad_matches_the_derivative_and_nests():
    x = engine.tensor(2.0)
    cube = lambda t: t ** 3  # noqa: E731
    assert grad(cube)(x).item() == 12.0
    assert grad(grad(cube))(x).item() == 12.0
    assert grad(grad(grad(cube)))(x).item() == 6.0
    assert grad(cube)(x).grad_fn is None  # nothing outside can differentiate it


def test_grad_keeps_the_graph_of_an_input_that_requires_grad():
    x = engine.tensor(2.0, requires_grad=True)
    g = grad(lambda t: t ** 3)(x)
    assert g.requires_grad
    g.backward()
    assert x.grad.item() == 12.0  # d/dx of 3x^2


def test_grad_argnums_pytrees_and_aux():
    a, b = engine.tensor([1.0, 2.0]), engine.tensor([3.0, 4.0])
    ga, gb = grad(lambda u, v: (u * v).sum(), argnums=(0, 1))(a, b)
    assert ga.tolist() == [3.0, 4.0] and gb.tolist() == [1.0, 2.0]
    g = grad(lambda p: (p["w"] * p["b"]).sum())({"w": a, "b": b})
    assert set(g) == {"w", "b"} and g["w"].tolist() == [3.0, 4.0]
    g, aux = grad(lambda u: ((u ** 2).sum(), u * 10), has_aux=True)(a)
    assert g.tolist() == [2.0, 4.0] and aux.tolist() == [10.0, 20.0]
    g, value = grad_and_value(lambda u: (u ** 2).sum())(a)
    assert value.item() == 5.0
    assert grad(lambda u: engine.tensor(1.0))(a).tolist() == [0.0, 0.0]  # no dependence: zeros


@pytest.mark.parametrize("call, exc, message", [
    (lambda: grad(lambda t: t * 2)(engine.ones(2)), RuntimeError,
     "Expected f(*args) to return a scalar Tensor, got tensor with 1 dims"),
    (lambda: grad(lambda t: 3.0)(engine.tensor(1.0)), RuntimeError,
     "Expected f(*args) to return a Tensor, got <class 'float'>"),
    (lambda: grad(lambda t: t, has_aux=True)(engine.tensor(1.0)), RuntimeError,
     "should be a tuple: (output, aux) if has_aux is True"),
    (lambda: grad(lambda t: t)(2.0), ValueError,
     "Thing passed to transform API must be Tensor, got <class 'float'>"),
    (lambda: grad(lambda t: t, argnums=1)(engine.tensor(1.0)), RuntimeError,
     "Got argnum=1, but only 1 positional inputs"),
    (lambda: grad(lambda t: t.sum())(engine.tensor([1, 2])), RuntimeError,
     "only Tensors of floating point dtype can require gradients"),
    (lambda: vmap(lambda a, b: a + b)(engine.ones(3), engine.ones(4)), ValueError,
     "got sizes [3, 4] for the mapped dimension"),
    (lambda: vmap(lambda a: 1.0)(engine.ones(3)), ValueError,
     "`<lambda>` must only return Tensors, got type <class 'float'>"),
    (lambda: vmap(lambda a, b: a)(engine.ones(3), 2.0), ValueError,
     "We cannot vmap over non-Tensor arguments"),
    (lambda: vmap(lambda a: a, in_dims=2)(engine.ones(3)), ValueError,
     "expected in_dim to satisfy -1 <= in_dim < 1."),
    (lambda: vmap(lambda a: a, in_dims=(None,))(engine.ones(3)), ValueError,
     "Expected at least one Tensor to vmap over"),
    (lambda: jvp(lambda t: t, engine.ones(2), engine.ones(2)), RuntimeError,
     "Expected primals to be a tuple"),
])
def test_errors_say_what_pytorch_says(call, exc, message):
    with pytest.raises(exc) as info:
        call()
    assert message in str(info.value)


def test_vmap_maps_stacks_and_nests():
    m = engine.arange(6.0).reshape(3, 2)
    assert vmap(engine.dot)(m, m).tolist() == [1.0, 13.0, 41.0]
    assert vmap(lambda r: r, out_dims=1)(m).tolist() == m.t().tolist()
    assert vmap(lambda r, s: r * s, in_dims=(0, None))(engine.arange(3.0), 2.0).tolist() == [
        0.0, 2.0, 4.0]
    assert vmap(vmap(lambda v: v * 2))(engine.ones(2, 3)).tolist() == [[2.0] * 3] * 2
    a, b = vmap(lambda r: (r.sum(), r * 2))(m)
    assert a.tolist() == [1.0, 5.0, 9.0] and b.shape == (3, 2)
    assert vmap(lambda r: r.sum(), in_dims=1)(m).tolist() == [6.0, 9.0]


def test_vmap_of_grad_gives_per_sample_gradients():
    model = nn.Linear(3, 1)
    params = {k: v.detach() for k, v in model.named_parameters()}
    xs, ys = engine.linspace(-1, 1, 12).reshape(4, 3), engine.linspace(0, 1, 4).reshape(4, 1)

    def loss(p, x, y):
        return ((functional_call(model, p, (x,)) - y) ** 2).sum()

    per_sample = vmap(grad(loss), in_dims=(None, 0, 0))(params, xs, ys)
    assert per_sample["weight"].shape == (4, 1, 3) and per_sample["bias"].shape == (4, 1)
    for i in range(4):
        model.zero_grad()
        ((model(xs[i]) - ys[i]) ** 2).sum().backward()
        np.testing.assert_allclose(per_sample["weight"][i].numpy(), model.weight.grad.numpy(),
                                   rtol=1e-6)
    assert model.weight.grad_fn is None and isinstance(model.weight, nn.Parameter)  # restored


def test_jacobians_and_hessian():
    x = engine.tensor([1.0, 2.0, 3.0], dtype=engine.float64)
    expected = np.diag(np.cos(x.numpy()))
    np.testing.assert_allclose(jacrev(engine.sin)(x).numpy(), expected)
    np.testing.assert_allclose(jacfwd(engine.sin)(x).numpy(), expected)
    h = hessian(lambda t: (t ** 2).prod())(x).numpy()
    a, b, c = x.tolist()
    np.testing.assert_allclose(h, [[2 * b * b * c * c, 4 * a * b * c * c, 4 * a * b * b * c],
                                   [4 * a * b * c * c, 2 * a * a * c * c, 4 * a * a * b * c],
                                   [4 * a * b * b * c, 4 * a * a * b * c, 2 * a * a * b * b]])
    ja, jb = jacrev(lambda u, v: u * v, argnums=(0, 1))(x, x + 1)
    np.testing.assert_allclose(ja.numpy(), np.diag(x.numpy() + 1))
    assert jacrev(lambda t: t.reshape(3, 1) * t)(x).shape == (3, 3, 3)


def test_vjp_and_jvp():
    x = engine.tensor([0.5, 1.0])
    out, vjp_fn = vjp(engine.sin, x)
    (g,) = vjp_fn(engine.ones(2))
    np.testing.assert_allclose(g.numpy(), np.cos([0.5, 1.0]), rtol=1e-6)
    assert vjp_fn(engine.tensor([2.0, 0.0]))[0].tolist()[1] == 0.0  # callable again
    out, tangent = jvp(lambda a, b: a * b, (x, x), (engine.ones(2), engine.zeros(2)))
    assert tangent.tolist() == x.tolist()


def test_newton_with_nested_grad():
    f = lambda t: (t ** 2 - 2) ** 2  # noqa: E731
    t = engine.tensor(1.0, dtype=engine.float64)
    for _ in range(30):
        t = t - grad(f)(t) / grad(grad(f))(t)
    assert abs(t.item() - math.sqrt(2)) < 1e-6


SNIPPETS = [
    "grad(lambda x: (x ** 3).sum())(torch.tensor([1., 2.]))",
    "grad(lambda x: x ** 3)(torch.tensor(2., requires_grad=True))",
    "grad(grad(lambda x: x.sin()))(torch.tensor(0.5))",
    "jacrev(lambda x: x.sin())(torch.tensor([1., 2.]))",
    "jacfwd(lambda x: x.sin())(torch.tensor([1., 2.]))",
    "hessian(lambda x: (x ** 2).prod())(torch.tensor([1., 2., 3.]))",
    "hessian(lambda a, b: (a * a * b).sum(), argnums=(0, 1))(torch.ones(2), torch.ones(2) * 2)",
    "jacrev(lambda a: (a * 2, a.sum()))(torch.tensor([1., 2.]))",
    "jacrev(lambda a: a ** 2)(torch.tensor([1., 2.], requires_grad=True))",
    "vmap(lambda a: (a, a * 2))(torch.ones(3, 2))",
    "vmap(torch.dot)(torch.arange(6.).reshape(3, 2), torch.ones(3, 2))",
    "jvp(lambda x: x.sin(), (torch.tensor([1., 2.]),), (torch.ones(2),))",
    "vjp(lambda x: x.exp(), torch.tensor([1., 2.]))[1](torch.ones(2))",
    "functional_call(torch.nn.Linear(2, 1), {'weight': torch.ones(1, 2), 'bias': torch.zeros(1)},"
    " torch.tensor([1., 2.]))",
]


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_prints_as_pytorch(snippet):
    torch = pytest.importorskip("torch")
    import torch.func as torch_func

    names = ("functional_call", "grad", "hessian", "jacfwd", "jacrev", "jvp", "vjp", "vmap")
    expected = repr(eval(snippet, {"torch": torch, **{n: getattr(torch_func, n) for n in names}}))
    ours = eval(snippet, {"torch": engine, **{n: getattr(engine.func, n) for n in names}})
    assert repr(ours) == expected
