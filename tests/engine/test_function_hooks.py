"""Custom autograd.Function (several outputs, mark_non_differentiable, mark_dirty,
set_materialize_grads, once_differentiable, torch's checks of backward's result), module
backward hooks, module/container API (register_module, get_submodule, ModuleList.insert...),
nodes' `_saved_*` attributes, functional.vjp/jvp validation and grad(is_grads_batched=True).

Most tests run the same code on the engine and on PyTorch (`lib` is either module) and compare
what it produces."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine
import engine.nn as enn
from engine.autograd.function import once_differentiable
from engine.gradcheck import gradcheck


def _torch():
    return pytest.importorskip("torch")


def _same(run):
    """run(lib) on the engine and on torch give equal results (tensors compared as arrays)."""
    torch = _torch()
    got, want = run(engine), run(torch)
    assert _plain(got) == _plain(want)


def _plain(x):
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if hasattr(x, "detach") and hasattr(x, "shape"):
        return ("T", tuple(x.shape), np.round(x.detach().numpy().astype(np.float64), 5).tolist())
    return x


def _error(fn) -> str:
    with pytest.raises(RuntimeError) as info:
        fn()
    return str(info.value)


# ---------------------------------------------------------------------------------------------
# custom Functions
# ---------------------------------------------------------------------------------------------
def _sort_fn(lib, materialize=True):
    class SortWithIdx(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            vals, idx = lib.sort(x)
            ctx.mark_non_differentiable(idx)
            ctx.save_for_backward(idx)
            ctx.set_materialize_grads(materialize)
            return vals, idx

        @staticmethod
        def backward(ctx, g_vals, g_idx):
            idx, = ctx.saved_tensors
            ctx.seen = g_idx
            grad = lib.zeros_like(g_vals)
            grad[idx] = g_vals
            return grad

    return SortWithIdx


def test_non_differentiable_output_gets_zero_gradient():
    def run(lib):
        x = lib.tensor([3.0, 1.0, 2.0, 0.5], requires_grad=True)
        v, i = _sort_fn(lib).apply(x)
        (v * lib.tensor([1.0, 10.0, 100.0, 1000.0])).sum().backward()
        return [v, i, i.requires_grad, v.requires_grad, i.grad_fn is None, v.grad_fn.seen, x.grad,
                v.grad_fn.name(), repr(v).split("grad_fn=")[1]]

    _same(run)


def test_set_materialize_grads_false_gives_none():
    def run(lib):
        x = lib.tensor([3.0, 1.0], requires_grad=True)
        v, _ = _sort_fn(lib, materialize=False).apply(x)
        v.sum().backward()
        return [v.grad_fn.seen is None, x.grad]

    _same(run)


def _two_outputs(lib):
    class SinCos(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x, scale):
            ctx.save_for_backward(x)
            ctx.scale = scale
            return x.sin() * scale, x.cos()

        @staticmethod
        def backward(ctx, g_sin, g_cos):
            x, = ctx.saved_tensors
            ctx.got = (g_sin, g_cos)
            return g_sin * ctx.scale * x.cos() - g_cos * x.sin(), None

    return SinCos


def test_several_differentiable_outputs_each_get_their_gradient():
    def run(lib):
        x = lib.tensor([0.3, -1.2, 2.0], requires_grad=True)
        s, c = _two_outputs(lib).apply(x, 2.0)
        (s * lib.tensor([1.0, 2.0, 3.0]) + 5 * c).sum().backward()
        first = x.grad.clone()
        x.grad = None
        s, c = _two_outputs(lib).apply(x, 2.0)
        c.sum().backward()  # s got no gradient: zeros
        return [first, x.grad, s.grad_fn.got[0], s.grad_fn.name(), c.grad_fn.name(),
                s.grad_fn.needs_input_grad, repr(c).split("grad_fn=")[1]]

    _same(run)


def test_several_outputs_without_materialized_grads():
    def run(lib):
        class Split(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.set_materialize_grads(False)
                return x * 2, x * 3

            @staticmethod
            def backward(ctx, ga, gb):
                ctx.got = (ga is None, gb is None)
                return (0 if ga is None else ga * 2) + (0 if gb is None else gb * 3)

        x = lib.tensor([1.0, 2.0], requires_grad=True)
        a, b = Split.apply(x)
        (b * 0).sum().backward()  # b gets zeros, a nothing
        return [a.grad_fn.got, x.grad]

    _same(run)


def test_several_outputs_gradcheck_and_second_order():
    sc = _two_outputs(engine)
    x = engine.tensor([0.3, -1.2, 2.0], dtype=engine.float64, requires_grad=True)
    assert gradcheck(lambda t: sc.apply(t, 1.5), (x,))
    assert gradcheck(lambda t: sc.apply(t, 1.5)[1] * 2, (x,))
    s, c = sc.apply(x, 1.0)
    g, = engine.autograd.grad((s + c).sum(), x, create_graph=True)
    g2, = engine.autograd.grad(g.sum(), x)
    np.testing.assert_allclose(g2.numpy(), -np.sin(x.detach().numpy()) - np.cos(x.detach().numpy()))


def test_repr_and_type_of_custom_node():
    def run(lib):
        x = lib.tensor([1.0], requires_grad=True)
        s, _ = _two_outputs(lib).apply(x, 1.0)
        r = repr(s.grad_fn)
        return [r[:r.index(" at 0x")], type(s.grad_fn).__name__,
                [type(n).__name__ for n, _ in s.grad_fn.next_functions]]

    _same(run)


def test_backward_result_checks():
    def run(lib):
        class WrongCount(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x, y):
                return x * y

            @staticmethod
            def backward(ctx, g):
                return g

        class NotNoneForNumber(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x, k):
                return x * k

            @staticmethod
            def backward(ctx, g):
                return g, lib.ones(1)

        class BadShape(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, g):
                return lib.ones(3)

        class ExtraNones(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, g):
                return 2 * g, None, None

        p = lib.tensor([1.0, 2.0], requires_grad=True)
        ExtraNones.apply(p).sum().backward()
        return [_error(lambda: WrongCount.apply(p, p).sum().backward()),
                _error(lambda: NotNoneForNumber.apply(p, 3).sum().backward()),
                _error(lambda: BadShape.apply(p).sum().backward()), p.grad]

    _same(run)


def test_mark_dirty_returns_the_modified_input():
    def run(lib):
        class AddOneInplace(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                x.add_(1)
                ctx.mark_dirty(x)
                return x

            @staticmethod
            def backward(ctx, g):
                return g * 3

        xs = lib.tensor([0.1, 0.7], dtype=lib.float64, requires_grad=True)
        h = xs * 2
        out = AddOneInplace.apply(h)
        same = out is h
        out.sum().backward()
        return [out, same, type(h.grad_fn).__name__, xs.grad]

    _same(run)


def test_returning_an_input_unchanged_gives_a_new_tensor():
    def run(lib):
        class Ident(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x

            @staticmethod
            def backward(ctx, g):
                return 2 * g

        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = Ident.apply(x)
        y.sum().backward()
        return [y is x, x.is_leaf, y.grad_fn.name(), x.grad]

    _same(run)


def test_saved_output_leaf_dirty_error_and_no_grad():
    def run(lib):
        class Exp(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                r = x.exp()
                ctx.save_for_backward(r)
                return r

            @staticmethod
            def backward(ctx, g):
                r, = ctx.saved_tensors
                return g * r

        class Dirty(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                x.mul_(2)
                ctx.mark_dirty(x)
                return x

            @staticmethod
            def backward(ctx, g):
                return 2 * g

        x = lib.tensor([0.5, 1.0], requires_grad=True)
        y = Exp.apply(x)
        g, = lib.autograd.grad(y.sum(), x, create_graph=True)
        g2, = lib.autograd.grad(g.sum(), x)
        with lib.no_grad():
            z = Exp.apply(x)
        w = Exp.apply(lib.tensor([1.0]))
        return [g, g2, z.requires_grad, z.grad_fn is None, w.requires_grad,
                _error(lambda: Dirty.apply(lib.tensor([1.0], requires_grad=True)))]

    _same(run)


def test_save_for_backward_types_and_legacy_call():
    def run(lib):
        class S(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x, k):
                ctx.save_for_backward(x, k)
                return x * 2

            @staticmethod
            def backward(ctx, g):
                ctx.seen = ctx.saved_tensors
                return g, None

        x = lib.ones(2, requires_grad=True)
        with pytest.raises(TypeError) as info:
            S.apply(x, 3)
        y = S.apply(x, None)
        y.sum().backward()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch also warns that S() is instantiated
            legacy = _error(lambda: S()(x))
        return [str(info.value), y.grad_fn.seen, legacy]

    _same(run)


def test_once_differentiable():
    def run(lib, decorator):
        class Cube(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x ** 3

            @staticmethod
            @decorator
            def backward(ctx, g):
                x, = ctx.saved_tensors
                return 3 * x ** 2 * g

        x = lib.tensor([1.0, 2.0], requires_grad=True)
        g, = lib.autograd.grad(Cube.apply(x).sum(), x, create_graph=True)
        y = Cube.apply(x)
        v = lib.ones(2, requires_grad=True)
        g2, = lib.autograd.grad(y, x, v, create_graph=True)
        return [g, g.requires_grad, g2.requires_grad, type(g2.grad_fn).__name__,
                _error(lambda: g2.sum().backward())]

    torch = _torch()
    from torch.autograd.function import once_differentiable as torch_once

    assert _plain(run(engine, once_differentiable)) == _plain(run(torch, torch_once))


def test_setup_context_style():
    class Square(engine.autograd.Function):
        @staticmethod
        def forward(x):
            return x * x

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.save_for_backward(inputs[0])

        @staticmethod
        def backward(ctx, g):
            x, = ctx.saved_tensors
            return 2 * x * g

    x = engine.tensor([3.0], requires_grad=True)
    Square.apply(x).sum().backward()
    assert x.grad.tolist() == [6.0]


# ---------------------------------------------------------------------------------------------
# module backward hooks
# ---------------------------------------------------------------------------------------------
def _hooked_model(lib, scale: bool):
    torch_nn = lib.nn
    model = torch_nn.Sequential(torch_nn.Linear(2, 3), torch_nn.Tanh(), torch_nn.Linear(3, 1))
    with lib.no_grad():
        model[0].weight.copy_(lib.tensor([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]))
        model[0].bias.zero_()
        model[2].weight.copy_(lib.tensor([[1.0, -1.0, 0.5]]))
        model[2].bias.fill_(0.25)
    seen = []

    def hook(module, grad_input, grad_output):
        seen.append((type(module).__name__, [None if g is None else tuple(g.shape)
                                             for g in grad_input], grad_output[0].clone()))
        return (grad_input[0] * 10,) if scale else None

    def pre_hook(module, grad_output):
        seen.append(("pre", grad_output[0].clone()))

    return model, seen, hook, pre_hook


@pytest.mark.parametrize("scale", [False, True])
def test_full_backward_hook(scale):
    def run(lib):
        model, seen, hook, pre_hook = _hooked_model(lib, scale)
        handles = [model[1].register_full_backward_hook(hook),
                   model[2].register_full_backward_hook(hook),
                   model[2].register_full_backward_pre_hook(pre_hook)]
        x = lib.tensor([[1.0, 2.0], [-1.0, 0.5]])
        out = model(x)
        out.sum().backward()
        first = [model[0].weight.grad, repr(out).split("grad_fn=")[1], seen]
        for h in handles:
            h.remove()
        model.zero_grad()
        out = model(x)
        out.sum().backward()
        return first + [model[0].weight.grad, len(seen), type(out.grad_fn).__name__]

    _same(run)


def test_full_backward_hooks_of_a_module_with_several_inputs_and_outputs():
    def run(lib):
        class M(lib.nn.Module):
            def forward(self, a, k, b, c):
                return a * b * k + c, a - b

        m = M()
        seen = []

        def hook(mod, gi, go):
            seen.append(("full", gi, go))
            return (None if gi[0] is None else gi[0] * 2, None, gi[2], None)

        m.register_full_backward_hook(hook)
        m.register_full_backward_pre_hook(lambda mod, go: seen.append(("pre", go)))
        a = lib.tensor([1.0, 2.0], requires_grad=True)
        b = lib.tensor([3.0, 4.0], requires_grad=True)
        c = lib.tensor([5.0, 6.0])
        o1, o2 = m(a, 2.0, b, c)
        (o1 * 3).sum().backward()  # o2 gets no gradient: None in grad_output
        first = [a.grad, b.grad]
        a.grad = b.grad = None
        o1, o2 = m(a, 2.0, b, c)
        (o1 + o2 * 10).sum().backward()
        return first + [a.grad, b.grad, seen, type(o2.grad_fn).__name__]

    _same(run)


def test_full_backward_hook_when_no_input_requires_grad():
    def run(lib):
        model, seen, hook, _ = _hooked_model(lib, False)
        model[0].register_full_backward_hook(hook)
        model(lib.tensor([[1.0, 2.0]])).sum().backward()
        return seen

    with pytest.warns(UserWarning, match="Full backward hook is firing"):
        got = run(engine)
    assert _plain(got) == _plain(run(_torch()))


# ---------------------------------------------------------------------------------------------
# module and container API
# ---------------------------------------------------------------------------------------------
def test_module_list_editing():
    def run(lib):
        nn = lib.nn
        ml = nn.ModuleList([nn.Linear(2, 2), nn.Tanh()])
        ml.insert(0, nn.Identity())
        ml.append(nn.ReLU())
        ml.extend([nn.Sigmoid()])
        popped = ml.pop(1)
        del ml[-1]
        ml[0] = nn.ELU()
        ml += [nn.Softplus()]
        return [repr(ml), type(popped).__name__, [n for n, _ in ml.named_children()],
                len(list(ml.parameters()))]

    _same(run)


def test_register_module_get_submodule_get_parameter():
    def run(lib):
        nn = lib.nn
        m = nn.Sequential(nn.Linear(2, 3), nn.Sequential(nn.Linear(3, 1), nn.Sigmoid()))
        m.register_module("extra", nn.Module())
        out = [repr(m.get_submodule("1.0")), m.get_submodule("") is m,
               tuple(m.get_parameter("1.0.bias").shape), [n for n, _ in m.named_children()]]
        for bad in ("1.5", "0.weight", "1.0.nope"):
            with pytest.raises(AttributeError) as info:
                m.get_submodule(bad) if bad != "1.0.nope" else m.get_parameter(bad)
            out.append(str(info.value))
        return out

    _same(run)


def test_shared_submodule_is_visited_once():
    def run(lib):
        nn = lib.nn
        m = nn.Module()
        m.a = nn.Linear(2, 2)
        m.b = m.a
        visited = []
        m.apply(lambda mod: visited.append(type(mod).__name__))
        return [visited, [n for n, _ in m.named_children()], len(list(m.children())),
                len(list(m.parameters()))]

    _same(run)


def test_parameter_keeps_strided_layout():
    w = engine.ones(2, 3)
    p = enn.Parameter(w.t())
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        p.view(-1)


# ---------------------------------------------------------------------------------------------
# saved tensors of nodes
# ---------------------------------------------------------------------------------------------
def test_saved_attributes_match_torch():
    def run(lib):
        x = lib.tensor([0.5, 1.5], requires_grad=True)
        y = lib.tensor([2.0, 3.0], requires_grad=True)
        m = lib.ones(2, 2, requires_grad=True)
        out = []
        for t, names in [(x.clamp(0, 1), "self min max"), (x.clamp(min=0), "min max"),
                         (x.view(2, 1), "self_sym_sizes"), (x.sum(), "self_sym_sizes"),
                         (x.mean(), "self_sym_sizes self_sym_numel"), (1 - x, "alpha"),
                         (lib.nn.functional.leaky_relu(x, 0.2), "self negative_slope"),
                         (x * y, "self other"), (x * 3, "self other"), (x / 2.5, "self other"),
                         (x ** 2, "self exponent"), (x ** 2.5, "exponent"), (x.exp(), "result"),
                         (x.sin(), "self"), (x.tanh(), "result"), (x.sigmoid(), "result"),
                         (x.relu(), "result"), (x.sqrt(), "result"), (x.log(), "self"),
                         (lib.add(x, y, alpha=2), "alpha"), (m @ m, "self mat2"),
                         (m @ x, "self vec"), (x ** y, "self exponent result")]:
            for n in names.split():
                v = getattr(t.grad_fn, "_saved_" + n)
                out.append([n, v if not hasattr(v, "dtype") else (str(v.dtype), v)])
        z = x ** 2
        pw = z.grad_fn
        z.sum().backward()
        out.append(_error(lambda: pw._saved_self))
        out.append(x.grad_fn is None and (x * y).grad_fn.next_functions[0][0].name())
        out.append([a for a in dir((x ** y).grad_fn) if a.startswith("_saved_")])
        return out

    _same(run)


def test_saved_self_is_the_input_tensor():
    x = engine.tensor([0.5, 1.5], requires_grad=True)
    assert (x * x).grad_fn._saved_self is x
    with pytest.raises(AttributeError):
        (x * x).grad_fn._saved_nothing


# ---------------------------------------------------------------------------------------------
# autograd.functional and batched grad
# ---------------------------------------------------------------------------------------------
def test_functional_v_validation():
    def run(lib):
        from importlib import import_module

        F = import_module(lib.__name__ + ".autograd.functional")

        def f(x):
            return lib.stack([x[0] * x[1], x[0] ** 2, lib.sin(x[1])])

        x = lib.tensor([1.0, 2.0])
        two = (lib.tensor([1.0, 2.0]), lib.tensor([3.0]))
        return [_error(lambda: F.jvp(f, x, lib.tensor([1.0, 1.0, 1.0]))),
                _error(lambda: F.vjp(f, x, lib.tensor([1.0, 1.0]))),
                _error(lambda: F.jvp(f, x)),
                _error(lambda: F.vjp(f, x, (lib.ones(3), lib.ones(3)))),
                _error(lambda: F.hvp(lambda a, b: (a * b).sum(), two, (lib.ones(2),))),
                _error(lambda: F.hvp(lambda a, b: (a * b).sum(), two, (lib.ones(2), lib.ones(2)))),
                F.jvp(lambda t: t * 3, lib.tensor([2.0]))[1]]

    _same(run)


def test_grad_is_grads_batched():
    def run(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = lib.stack([x[0] * x[1], x[0] ** 2, lib.sin(x[1])])
        rows, = lib.autograd.grad(y, x, grad_outputs=lib.eye(3), is_grads_batched=True,
                                  retain_graph=True)
        msg = _error(lambda: lib.autograd.grad(y, x, grad_outputs=lib.ones(3, 2),
                                               is_grads_batched=True))
        return [rows, msg]

    _same(run)
