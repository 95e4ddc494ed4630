"""The backward pass: accumulation, retain_graph, create_graph, hooks, grad modes, deep graphs."""
import warnings

import numpy as np
import pytest

import engine as torch
from engine.autograd.node import FREED_MESSAGE


def test_value_used_twice_sums_both_paths():
    x = torch.tensor(3.0, requires_grad=True)
    y = x * x + x  # dy/dx = 2x + 1
    y.backward()
    assert x.grad.item() == 7.0


def test_gradient_accumulates_across_backward_calls_until_zeroed():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x * 3).sum().backward()
    (x * 3).sum().backward()
    assert x.grad.tolist() == [6.0, 6.0]
    x.grad.zero_()
    (x ** 2).sum().backward()
    assert x.grad.tolist() == [2.0, 4.0]
    x.grad = None
    (x * 5).sum().backward()
    assert x.grad.tolist() == [5.0, 5.0]


def test_same_gradient_delivered_to_two_leaves_is_not_shared():
    a = torch.tensor(1.0, requires_grad=True)
    b = torch.tensor(2.0, requires_grad=True)
    (a + b).backward()
    a.grad.zero_()
    assert b.grad.item() == 1.0


def test_second_backward_through_freed_graph_raises_torch_message():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * x
    y.backward()
    with pytest.raises(RuntimeError) as e:
        y.backward()
    assert str(e.value) == FREED_MESSAGE


def test_retain_graph_allows_a_second_backward():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.exp(x) * x
    y.backward(retain_graph=True)
    first = x.grad.item()
    y.backward()
    assert x.grad.item() == pytest.approx(2 * first)


def test_graph_without_saved_tensors_can_be_walked_twice():
    x = torch.tensor(2.0, requires_grad=True)
    y = x + 1
    y.backward()
    y.backward()
    assert x.grad.item() == 2.0


def test_second_derivative_with_create_graph():
    x = torch.tensor(2.0, requires_grad=True)
    y = x ** 3
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    assert g.item() == 12.0 and g.requires_grad
    (h,) = torch.autograd.grad(g, x)
    assert h.item() == 12.0  # 6x


def test_hessian_vector_product():
    a = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]])
    A = torch.tensor(a, dtype=torch.float64)
    x = torch.tensor([1.0, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
    v = torch.tensor([0.5, 1.0, -1.0], dtype=torch.float64)
    f = 0.5 * (x @ A @ x) + (x ** 4).sum()
    (g,) = torch.autograd.grad(f, x, create_graph=True)
    (hv,) = torch.autograd.grad(g @ v, x)
    expected = a @ v.numpy() + 12 * x.detach().numpy() ** 2 * v.numpy()
    np.testing.assert_allclose(hv.numpy(), expected)


def test_backward_with_create_graph_gives_differentiable_grad():
    x = torch.tensor(1.5, requires_grad=True)
    (torch.sin(x) * x).backward(create_graph=True)
    gx = x.grad
    assert gx.grad_fn is not None
    (h,) = torch.autograd.grad(gx, x)
    assert h.item() == pytest.approx(2 * np.cos(1.5) - 1.5 * np.sin(1.5), rel=1e-6)


def test_grad_of_several_inputs_does_not_touch_dot_grad():
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(5.0, requires_grad=True)
    ga, gb = torch.autograd.grad(a * b + a, [a, b])
    assert (ga.item(), gb.item()) == (6.0, 2.0)
    assert a.grad is None and b.grad is None


def test_grad_unused_input_needs_allow_unused():
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(5.0, requires_grad=True)
    with pytest.raises(RuntimeError, match="appears to not have been used"):
        torch.autograd.grad(a * 2, [a, b])
    assert torch.autograd.grad(a * 2, [a, b], allow_unused=True)[1] is None


def test_grad_with_respect_to_intermediate():
    x = torch.tensor(3.0, requires_grad=True)
    y = x * 2
    z = y * y
    (gy,) = torch.autograd.grad(z, y)
    assert gy.item() == 12.0


def test_chain_of_100k_ops_backpropagates_without_recursion_error():
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.0
    y.backward()
    assert x.grad.item() == 1.0


def test_non_scalar_backward_needs_gradient_argument():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * x
    with pytest.raises(RuntimeError, match="^grad can be implicitly created only for scalar outputs$"):
        y.backward()
    y.backward(torch.ones_like(y))
    assert x.grad.tolist() == [2.0, 4.0]


def test_broadcast_gradients_are_reduced_to_input_shape():
    w = torch.tensor([[1.0], [2.0]], requires_grad=True)   # (2, 1)
    b = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)  # (3,)
    (w * b).sum().backward()
    assert w.grad.shape == (2, 1) and w.grad.tolist() == [[6.0], [6.0]]
    assert b.grad.tolist() == [3.0, 3.0, 3.0]


def test_mixed_dtype_gradients_come_back_in_each_inputs_dtype():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor([3.0, 4.0], dtype=torch.float64, requires_grad=True)
    y = (a * b).sum()
    assert y.dtype == torch.float64
    y.backward()
    assert a.grad.dtype == torch.float32 and b.grad.dtype == torch.float64
    assert a.grad.tolist() == [3.0, 4.0]


def test_no_grad_context_and_decorator():
    x = torch.tensor(1.0, requires_grad=True)
    with torch.no_grad():
        y = x * 2
        with torch.enable_grad():
            z = x * 2
    assert not y.requires_grad and y.grad_fn is None and z.requires_grad

    @torch.no_grad()
    def f(t):
        return t * 3

    assert not f(x).requires_grad
    assert torch.is_grad_enabled()
    torch.set_grad_enabled(False)
    assert not (x * 2).requires_grad
    torch.set_grad_enabled(True)
    with torch.set_grad_enabled(False):
        assert not torch.is_grad_enabled()
    assert torch.is_grad_enabled()


def test_retain_grad_and_non_leaf_grad_warning():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * 3
    z = y * y
    y.retain_grad()
    z.backward()
    assert y.grad.item() == 12.0
    w = x * 2
    (w * 1).backward()
    with pytest.warns(UserWarning, match="is not a leaf Tensor is being accessed"):
        assert w.grad is None


def test_register_hook_can_replace_gradient():
    x = torch.tensor(2.0, requires_grad=True)
    seen = []
    x.register_hook(lambda g: seen.append(g.item()))
    y = x * 3
    y.register_hook(lambda g: g * 10)
    (y * 1).backward()
    assert seen == [30.0] and x.grad.item() == 30.0


def test_detach_and_requires_grad_rules():
    x = torch.tensor(2.0, requires_grad=True)
    d = (x * 2).detach()
    assert not d.requires_grad and d.is_leaf
    with pytest.raises(RuntimeError, match="Only Tensors of floating point and complex dtype"):
        torch.tensor(3, requires_grad=True)
    y = x * 2
    with pytest.raises(RuntimeError, match="you can only change requires_grad flags of leaf"):
        y.requires_grad = False


def test_backward_on_tensor_without_grad_raises():
    x = torch.tensor(2.0)
    with pytest.raises(RuntimeError, match="^element 0 of tensors does not require grad and does not have a grad_fn$"):
        (x * 2).backward()


def test_grad_fn_graph_structure():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * 2 + 1
    assert y.grad_fn.name() == "AddBackward0"
    (mul, _), (none, _) = y.grad_fn.next_functions
    assert mul.name() == "MulBackward0" and none is None
    acc = mul.next_functions[0][0]
    assert type(acc).__name__ == "AccumulateGrad" and acc.variable is x
    assert repr(y.grad_fn).startswith("<AddBackward0 object at 0x")


def test_custom_function():
    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 3

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 3 * x ** 2 * g

    x = torch.tensor(2.0, requires_grad=True)
    y = Cube.apply(x)
    assert y.grad_fn.name() == "CubeBackward"
    y.backward()
    assert x.grad.item() == 12.0
    assert torch.autograd.gradcheck(Cube.apply, (torch.tensor([0.3, -1.2], dtype=torch.float64, requires_grad=True),))


def test_gradient_descent_loop_matches_pytorch_bit_for_bit():
    # The course's 10001-step exercise; PyTorch 2.13 CPU prints 0.1900096833705902.
    def f(x):
        return -torch.log(1 / (1 + torch.exp(-x)) + 1) / (x ** 2 + 1)

    x = torch.tensor(3.0, requires_grad=True)
    for _ in range(10001):
        f(x).backward()
        x.data = x.data - 0.01 * x.grad
        x.grad.zero_()
    assert x.item() == 0.1900096833705902


def test_inplace_update_in_no_grad_keeps_leaf():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    (w * w).sum().backward()
    with torch.no_grad():
        w -= 0.5 * w.grad
    assert w.is_leaf and w.requires_grad and w.tolist() == [0.0, 0.0]


def test_inplace_on_leaf_requiring_grad_raises():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    msg = "a leaf Variable that requires grad is being used in an in-place operation."
    for op in (lambda: w.add_(1), lambda: w.zero_(), lambda: w.mul_(2),
               lambda: w.__setitem__([0], 1.0), lambda: w.__setitem__(slice(None), 1.0)):
        with pytest.raises(RuntimeError) as e:
            op()
        assert str(e.value) == msg
    # an int, None or a partial slice writes through a view of the leaf (as torch words it)
    for idx in (0, slice(0, 1), None, (Ellipsis, 1)):
        with pytest.raises(RuntimeError) as e:
            w[idx] = 1.0
        assert str(e.value) == "a view of " + msg


def test_inplace_on_non_leaf_is_recorded():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.add_(1)
    y.mul_(y)
    y.sum().backward()
    assert x.grad.tolist() == [12.0, 20.0]  # d/dx (2x+1)^2 = 4(2x+1)


def test_grad_of_data_alias_and_grad_data_zero():
    x = torch.tensor(3.0, requires_grad=True)
    (x * x).backward()
    x.grad.data.zero_()
    assert x.grad.item() == 0.0
    x.data.fill_(1.0)
    assert x.item() == 1.0


def test_backward_inputs_argument_limits_accumulation():
    a = torch.tensor(1.0, requires_grad=True)
    b = torch.tensor(2.0, requires_grad=True)
    (a * b).backward(inputs=[a])
    assert a.grad.item() == 2.0 and b.grad is None


def test_unused_warnings_not_emitted_for_leaf_grad():
    x = torch.tensor(1.0, requires_grad=True)
    (x * 2).backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert x.grad.item() == 2.0


def test_no_grad_decorator_without_parentheses_and_hook_handle_removal():
    @torch.no_grad
    def f(t):
        return t * 2

    x = torch.tensor(1.0, requires_grad=True)
    assert not f(x).requires_grad and (x * 2).requires_grad
    calls = []
    handle = x.register_hook(lambda g: calls.append(1))
    (x * 2).backward()
    handle.remove()
    (x * 2).backward()
    assert calls == [1] and x.grad.item() == 4.0


def test_autograd_backward_function_with_several_roots():
    a = torch.tensor(2.0, requires_grad=True)
    y1, y2 = a * 3, a * a
    torch.autograd.backward([y1, y2], [torch.tensor(1.0), torch.tensor(10.0)])
    assert a.grad.item() == 43.0


def test_autograd_functional_jacobian_hessian_hvp_vjp_jvp():
    F = torch.autograd.functional
    x = torch.tensor([1.0, 2.0, 3.0])
    v = torch.tensor([1.0, 0.0, 1.0])

    def f(t):
        return (t ** 3).sum() + t[0] * t[1]

    assert F.jacobian(lambda t: t ** 2 * t[0], x).tolist() == [[3, 0, 0], [4, 4, 0], [9, 0, 6]]
    assert F.hessian(f, x).tolist() == [[6, 1, 0], [1, 12, 0], [0, 0, 18]]
    value, hv = F.hvp(f, x, v)
    assert value.item() == 38.0 and hv.tolist() == [6.0, 1.0, 18.0]
    assert F.vjp(lambda t: t ** 2, x, v)[1].tolist() == [2.0, 0.0, 6.0]
    assert F.jvp(lambda t: t ** 2, x, v)[1].tolist() == [2.0, 0.0, 6.0]
    ja, jb = F.jacobian(lambda a, b: a * b, (x, v))
    assert ja.tolist() == [[1, 0, 0], [0, 0, 0], [0, 0, 1]] and jb.tolist() == [[1, 0, 0], [0, 2, 0], [0, 0, 3]]
    assert not x.requires_grad  # functional works on its own copies


@pytest.mark.torch
def test_autograd_functional_matches_pytorch():
    import torch as real

    def f(L, t):
        return (L.sin(t) * t.exp()).sum() + (t[0] * t[1]) ** 2

    data = np.array([0.3, -1.2, 0.7])
    for name in ("hessian", "jacobian"):
        e = getattr(torch.autograd.functional, name)(
            (lambda t: f(torch, t)) if name == "hessian" else (lambda t: torch.sin(t) * t[0]),
            torch.tensor(data))
        r = getattr(real.autograd.functional, name)(
            (lambda t: f(real, t)) if name == "hessian" else (lambda t: real.sin(t) * t[0]),
            real.tensor(data))
        np.testing.assert_allclose(e.numpy(), r.numpy(), rtol=1e-6)


def test_first_gradient_with_create_graph_is_a_copy_as_in_pytorch(monkeypatch):
    import warnings

    import engine.warn_once

    monkeypatch.setattr(engine.warn_once, "_issued", set())
    x = engine.tensor(2.0, requires_grad=True)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        (x ** 3).backward(create_graph=True)
        (x ** 2).backward(create_graph=True)
    assert len(rec) == 1 and "create a reference cycle" in str(rec[0].message)
    assert rec[0].filename == __file__
    assert repr(x.grad) == "tensor(16., grad_fn=<AddBackward0>)"
    first = x.grad.grad_fn.next_functions[0][0]
    assert type(first).__name__ == "CopyBackwards"
    assert [type(n).__name__ if n else None for n, _ in first.next_functions] == [
        None, "MulBackward0"]
    (g,) = engine.autograd.grad(x.grad, x)
    assert g.item() == 14.0  # d/dx (3x^2 + 2x)
    z = engine.tensor([1.0, 2.0], requires_grad=True)
    (z * 3).sum().backward(create_graph=True)
    assert repr(z.grad) == "tensor([3., 3.])"  # a gradient that needs none stays a plain copy


def test_anomaly_mode_turns_a_nan_gradient_into_pytorchs_error():
    import warnings

    x = torch.tensor([0.0, 1.0], requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Anomaly Detection has been enabled ..."
        with torch.autograd.detect_anomaly():
            with pytest.raises(RuntimeError, match=r"^Function 'SqrtBackward0' returned nan "
                                                   r"values in its 0th output\.$"):
                (x.sqrt() * 0).sum().backward()
            assert x.grad is None
            with torch.autograd.set_detect_anomaly(True, check_nan=False):
                (x.sqrt() * 0).sum().backward()  # check_nan=False: the nan goes through
    assert np.isnan(x.grad[0].item())
    (x.sqrt() * 0).sum().backward()  # anomaly mode off again: no check


def test_gradcheck_reports_the_jacobians_as_pytorch_lays_them_out():
    from engine.gradcheck import GradcheckError

    class HalfSquare(torch.autograd.Function):  # backward forgets the factor 2
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 2

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * x

    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    with pytest.raises(GradcheckError) as info:
        torch.autograd.gradcheck(HalfSquare.apply, (x,))
    assert str(info.value) == (
        "Jacobian mismatch for output 0 with respect to input 0,\n"
        "numerical:tensor([[2.0000, 0.0000],\n        [0.0000, 4.0000]], dtype=torch.float64)\n"
        "analytical:tensor([[1., 0.],\n        [0., 2.]], dtype=torch.float64)\n")
    assert torch.autograd.gradcheck(HalfSquare.apply, (x,), raise_exception=False) is False
    assert torch.autograd.gradcheck(lambda a: a[:0], (x,))  # an empty output checks trivially


def test_gradgradcheck_covers_linear_ops_and_the_cotangent():
    m = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradgradcheck(lambda a, b: a @ b, (m, m))
    assert torch.autograd.gradgradcheck(lambda a: a * 3, (m,))
    assert torch.autograd.gradgradcheck(lambda a: (a.sin() * a).sum(), (m,))

    class DetachedBackward(torch.autograd.Function):  # correct first derivative, but its
        @staticmethod                                    # backward is not differentiable in x
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 2

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * 2 * x.detach()

    assert torch.autograd.gradcheck(DetachedBackward.apply, (m,))
    assert not torch.autograd.gradgradcheck(DetachedBackward.apply, (m,), raise_exception=False)


@pytest.mark.parametrize("build, expected", [
    # a tensor used both broadcast and as it is: each path's gradient counts once
    (lambda d: (d * 1.5 + d * torch.ones(3, 2)).sum(), [7.5, 7.5]),
    (lambda d: (d + torch.ones(3, 2)).sum() + (d * d).sum(), [4.0, 5.0]),
    (lambda d: ((torch.ones(4, 2) @ torch.eye(2) + d) ** 2).mean() + 0.1 * (d ** 2).sum(),
     [1.6, 2.2]),
])
def test_broadcast_and_direct_uses_of_one_tensor_add_up_once(build, expected):
    d = torch.tensor([0.5, 1.0], requires_grad=True)
    build(d).backward()
    np.testing.assert_allclose(d.grad.numpy(), expected, rtol=1e-6)
    d2 = torch.tensor([0.5, 1.0], requires_grad=True)
    (g,) = torch.autograd.grad(build(d2), d2, create_graph=True)
    np.testing.assert_allclose(g.detach().numpy(), expected, rtol=1e-6)


def test_gradients_at_zero_follow_torchs_formulas():
    x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
    (x ** x).sum().backward()  # 0 ** 0: a zero exponent gives the base no gradient
    assert x.grad[0].item() == 0.0
    e = torch.tensor([0.0, 1.0, -1.0], requires_grad=True)
    (0.0 ** e).sum().backward()  # no math domain error: flat where the exponent is >= 0
    assert e.grad.tolist() == [0.0, 0.0, float("-inf")]
    k = torch.tensor([0.0, 1.0], requires_grad=True)
    torch.atan2(k, k).sum().backward()
    assert k.grad.tolist() == [0.0, 0.0]


def test_a_hook_may_not_change_the_gradients_size():
    x = torch.ones(2, requires_grad=True)
    y = x * 2

    def bad(g):
        return torch.ones(3)

    y.register_hook(bad)
    with pytest.raises(RuntimeError, match="hook 'bad' has changed the size of value"):
        y.sum().backward()


def test_relus_gradient_is_differentiable_as_torchs_threshold_backward():
    x = torch.tensor([0.3, -1.2], requires_grad=True)
    (g,) = torch.autograd.grad(torch.relu(x).sum(), x, create_graph=True)
    assert type(g.grad_fn).__name__ == "ThresholdBackwardBackward0" and g.requires_grad
    assert torch.autograd.grad(g.sum(), x)[0].tolist() == [0.0, 0.0]
    y = torch.tensor([0.3, -1.2, 2.0], requires_grad=True)
    (g,) = torch.autograd.grad((torch.relu(y) ** 3).sum(), y, create_graph=True)
    assert torch.autograd.grad(g.sum(), y)[0].tolist() == pytest.approx([1.8, 0.0, 12.0])
