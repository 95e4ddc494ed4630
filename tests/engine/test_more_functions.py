"""trapezoid/trapz/cumulative_trapezoid, kron, block_diag, cartesian_prod, rot90, vander,
tensor_split, renorm, nanmedian, the in-place shape methods, frac's node, output_nr and
register_post_accumulate_grad_hook: values, dtypes, grad_fn names, gradients and error messages
against PyTorch (float32), and gradcheck in float64."""
from __future__ import annotations

import numpy as np
import pytest

import engine
from engine.gradcheck import gradcheck

RNG = np.random.default_rng(700)
NAN = float("nan")


def _arr(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def _close(e, t, rtol=1e-5, atol=1e-6):
    np.testing.assert_allclose(np.asarray(e.detach().numpy()), t.detach().numpy(),
                               rtol=rtol, atol=atol)


def _name(t) -> str | None:
    return None if t.grad_fn is None else type(t.grad_fn).__name__


def _leaves(torch, *arrays):
    """Each array as an engine leaf and a torch leaf that require grad."""
    return ([engine.tensor(a, requires_grad=True) for a in arrays],
            [torch.tensor(a, requires_grad=True) for a in arrays])


# ---------------------------------------------------------------------------------------------
# Differentiable functions against PyTorch: value, dtype, grad_fn name, gradients
# ---------------------------------------------------------------------------------------------
CASES = [
    ("trapezoid", [(5,)], lambda t, y: t.trapezoid(y)),
    ("trapezoid_dx", [(3, 5)], lambda t, y: t.trapezoid(y, dx=0.25, dim=0)),
    ("trapezoid_x", [(5,), (5,)], lambda t, y, x: t.trapezoid(y, x)),
    ("trapezoid_x_dim0", [(4, 3), (4,)], lambda t, y, x: t.trapezoid(y, x, dim=0)),
    ("trapezoid_x_2d", [(2, 4), (2, 4)], lambda t, y, x: t.trapezoid(y, x)),
    ("trapz", [(4, 3)], lambda t, y: t.trapz(y, dim=0)),
    ("trapz_x", [(2, 4), (4,)], lambda t, y, x: t.trapz(y, x)),
    ("cumulative_trapezoid", [(2, 5)], lambda t, y: t.cumulative_trapezoid(y)),
    ("cumulative_trapezoid_dx", [(5, 2)], lambda t, y: t.cumulative_trapezoid(y, dx=3., dim=0)),
    ("cumulative_trapezoid_x", [(2, 5), (5,)], lambda t, y, x: t.cumulative_trapezoid(y, x)),
    ("kron", [(2, 3), (3, 2)], lambda t, a, b: t.kron(a, b)),
    ("kron_mixed_dims", [(3,), (2, 2)], lambda t, a, b: t.kron(a, b)),
    ("block_diag", [(2, 2), (3,), ()], lambda t, a, b, c: t.block_diag(a, b, c)),
    ("cartesian_prod", [(2,), (3,)], lambda t, a, b: t.cartesian_prod(a, b)),
    ("cartesian_prod3", [(2,), (2,), (2,)], lambda t, a, b, c: t.cartesian_prod(a, b, c)),
    ("rot90", [(2, 3)], lambda t, a: t.rot90(a)),
    ("rot90_k3_dims", [(2, 3, 4)], lambda t, a: t.rot90(a, 3, [2, 0])),
    ("rot90_method_neg", [(3, 2)], lambda t, a: a.rot90(-1)),
    ("vander", [(4,)], lambda t, a: t.vander(a)),
    ("vander_increasing", [(3,)], lambda t, a: t.vander(a, 5, increasing=True)),
    ("tensor_split_sections", [(7, 2)], lambda t, a: t.tensor_split(a, 3)[0]),
    ("tensor_split_indices", [(2, 7)], lambda t, a: a.tensor_split([2, 5], dim=1)[1]),
    ("renorm", [(3, 4)], lambda t, a: t.renorm(a, 2, 0, 1.0)),
    ("renorm_p1_dim1", [(3, 4)], lambda t, a: a.renorm(1, 1, 0.5)),
    ("renorm_p3", [(2, 3, 2)], lambda t, a: t.renorm(a, 3, 1, 0.7)),
    ("renorm_inf", [(3, 4)], lambda t, a: t.renorm(a, float("inf"), 0, 0.5)),
    ("nanmedian", [(7,)], lambda t, a: t.nanmedian(a)),
    ("nanmedian_dim", [(3, 5)], lambda t, a: a.nanmedian(1)[0]),
    ("nanmedian_keepdim", [(3, 4)], lambda t, a: t.nanmedian(a, 0, keepdim=True)[0]),
]


@pytest.mark.parametrize("name,shapes,fn", CASES, ids=[c[0] for c in CASES])
def test_matches_torch(name, shapes, fn):
    torch = pytest.importorskip("torch")
    arrays = [_arr(*s) for s in shapes]
    if name.startswith("trapezoid_x") or name.startswith("trapz_x") or name.endswith("_x"):
        arrays[1] = np.sort(arrays[1], axis=-1)  # increasing sample points
    if name.startswith("nanmedian"):
        arrays[0].reshape(-1)[::3] = np.nan
    es, ts = _leaves(torch, *arrays)
    ye, yt = fn(engine, *es), fn(torch, *ts)
    assert _name(ye) == _name(yt)
    assert str(ye.dtype) == str(yt.dtype)
    assert tuple(ye.shape) == tuple(yt.shape)
    _close(ye, yt)
    w = _arr(*yt.shape)
    if name.startswith("vander"):
        # torch's vander overwrites the running product cumprod saved: its backward fails
        for y, mod in ((ye, engine), (yt, torch)):
            with pytest.raises(RuntimeError, match="modified by an inplace operation"):
                (y * mod.tensor(w)).sum().backward()
        return
    (ye * engine.tensor(w)).sum().backward()
    (yt * torch.tensor(w)).sum().backward()
    for e, t in zip(es, ts):
        assert (e.grad is None) == (t.grad is None)
        if t.grad is not None:
            _close(e.grad, t.grad)


GRADCHECKS = [
    ("trapezoid", [(5,)], lambda y: engine.trapezoid(y, dx=0.5)),
    ("trapezoid_x", [(3, 4), (4,)], lambda y, x: engine.trapezoid(y, x)),
    ("cumulative_trapezoid", [(4, 3)], lambda y: engine.cumulative_trapezoid(y, dim=0)),
    ("cumulative_trapezoid_x", [(5,), (5,)], lambda y, x: engine.cumulative_trapezoid(y, x)),
    ("kron", [(2, 2), (2, 3)], engine.kron),
    ("block_diag", [(2, 3), (2,)], engine.block_diag),
    ("cartesian_prod", [(2,), (3,)], engine.cartesian_prod),
    ("rot90", [(2, 3)], lambda a: engine.rot90(a, 2)),
    ("tensor_split", [(5,)], lambda a: engine.tensor_split(a, 2)[1]),
    ("renorm", [(3, 4)], lambda a: engine.renorm(a, 2, 0, 0.8)),
    ("renorm_p3", [(3, 4)], lambda a: engine.renorm(a, 3, 1, 0.5)),
    ("renorm_inf", [(3, 4)], lambda a: engine.renorm(a, float("inf"), 1, 0.5)),
    ("nanmedian", [(5,)], engine.nanmedian),
    ("nanmedian_dim", [(3, 4)], lambda a: engine.nanmedian(a, 1)[0]),
    ("frac", [(6,)], engine.frac),
]


@pytest.mark.parametrize("name,shapes,fn", GRADCHECKS, ids=[c[0] for c in GRADCHECKS])
def test_gradcheck(name, shapes, fn):
    arrays = [RNG.standard_normal(s) * 2 for s in shapes]
    if name == "frac":
        arrays[0] = np.array([0.3, 1.4, -2.6, 3.2, -0.7, 5.5])  # away from integers
    if name.endswith("_x"):
        arrays[1] = np.sort(arrays[1])
    inputs = tuple(engine.tensor(a, dtype=engine.float64, requires_grad=True) for a in arrays)
    assert gradcheck(fn, inputs)


def test_trapezoid_values_and_dtypes_match_torch():
    torch = pytest.importorskip("torch")
    for mod_call in (
        lambda t: t.trapezoid(t.tensor([1, 2, 3])),
        lambda t: t.cumulative_trapezoid(t.tensor([1, 2, 3])),
        lambda t: t.trapezoid(t.tensor([1., 2., 3.], dtype=t.float64), t.tensor([0, 1, 3])),
        lambda t: t.trapezoid(t.tensor([1.])),
        lambda t: t.cumulative_trapezoid(t.tensor([1.])),
        lambda t: t.trapezoid(t.zeros(0, 3), dim=0),
        lambda t: t.trapezoid(t.zeros(0, 3, dtype=t.long), dim=0),
        lambda t: t.trapz(t.tensor([1., 4., 9.]), dx=2),
    ):
        assert repr(mod_call(engine)) == repr(mod_call(torch))


def _error(fn, mod):
    with pytest.raises(Exception) as info:
        fn(mod)
    return type(info.value).__name__, str(info.value)


ERRORS = [
    lambda t: t.trapezoid(t.tensor([1., 2.]), t.tensor([0., 1.]), dx=1.),
    lambda t: t.trapz(t.tensor([1., 2.]), t.tensor([0., 1.]), dx=1),
    lambda t: t.trapezoid(t.tensor([1., 2.]), 1.),
    lambda t: t.trapezoid(t.tensor([1., 2., 3.]), t.tensor([1., 2.])),
    lambda t: t.cumulative_trapezoid(t.tensor([1., 2., 3.]), t.tensor([1., 2.])),
    lambda t: t.trapezoid(t.tensor([True, False])),
    lambda t: t.trapezoid(t.tensor([1., 2.]), t.tensor([True, False])),
    lambda t: t.trapezoid(t.tensor([1., 2.]), dim=3),
    lambda t: t.trapezoid(t.tensor(3.)),
    lambda t: t.cumulative_trapezoid(t.tensor(3.)),
    lambda t: t.block_diag(t.zeros(2, 2, 2)),
    lambda t: t.cartesian_prod(t.zeros(2, 2)),
    lambda t: t.rot90(t.zeros(3)),
    lambda t: t.rot90(t.zeros(3, 3), 1, [0]),
    lambda t: t.rot90(t.zeros(3, 3), 1, [1, 1]),
    lambda t: t.rot90(t.zeros(3, 3), 1, [0, 2]),
    lambda t: t.vander(t.zeros(2, 2)),
    lambda t: t.vander(t.tensor([1., 2.]), N=-1),
    lambda t: t.tensor_split(t.tensor(3.), 2),
    lambda t: t.tensor_split(t.arange(5), 0),
    lambda t: t.tensor_split(t.arange(5), t.tensor([1., 2.])),
    lambda t: t.tensor_split(t.arange(5), t.tensor([[1, 2]])),
    lambda t: t.renorm(t.ones(3), 2, 0, 1.),
    lambda t: t.renorm(t.ones(3, 3), 0, 0, 1.),
    lambda t: t.renorm(t.ones(3, 3), 2, 0, -1.),
    lambda t: t.renorm(t.ones(3, 3, dtype=t.long), 2, 0, 1.),
    lambda t: t.tensor([1, 2]).frac(),
    lambda t: t.tensor([[1., 2.]], requires_grad=True).unsqueeze_(0),
    lambda t: t.tensor([[1., 2.]], requires_grad=True).t_(),
    lambda t: t.tensor([[1., 2.]], requires_grad=True).resize_(2),
    lambda t: t.zeros(2, 3, 4).t_(),
    lambda t: t.zeros(3).unsqueeze_(2),
    lambda t: (t.ones(2, requires_grad=True) * 2).register_post_accumulate_grad_hook(print),
    lambda t: t.ones(2).register_post_accumulate_grad_hook(print),
]


@pytest.mark.parametrize("i", range(len(ERRORS)))
def test_errors_match_torch(i):
    torch = pytest.importorskip("torch")
    assert _error(ERRORS[i], engine) == _error(ERRORS[i], torch)


REPRS = [
    lambda t: t.tensor_split(t.arange(7), [-2, 1, 9]),
    lambda t: t.tensor_split(t.arange(5), t.tensor(2)),
    lambda t: t.tensor_split(t.arange(12).reshape(3, 4), 3, dim=1),
    lambda t: t.arange(7).tensor_split((1, 5)),
    lambda t: t.block_diag(),
    lambda t: t.block_diag(t.tensor(2), t.tensor([1., 2.]), t.tensor([[1], [2]])),
    lambda t: t.cartesian_prod(t.tensor([1, 2]), t.tensor([3, 4]), t.tensor([5, 6])),
    lambda t: t.cartesian_prod(t.tensor([1, 2])),
    lambda t: t.kron(t.tensor([1, 2]), t.tensor([[1., 2.], [3., 4.]])),
    lambda t: t.kron(t.tensor(2.), t.tensor([1., 2.])),
    lambda t: t.vander(t.tensor([1, 2, 3])),
    lambda t: t.vander(t.tensor([1, 2, 3]), N=0),
    lambda t: t.vander(t.tensor([True, False])),
    lambda t: t.vander(t.tensor([1., 2.]), N=1),
    lambda t: t.rot90(t.arange(6).reshape(2, 3), 3, [1, 0]),
    lambda t: t.ones(2, 3).renorm(float("inf"), 1, 0.5),
    lambda t: t.nanmedian(t.tensor([[1., NAN, 3., 2.], [5., 5., NAN, 1.]]), 1),
    lambda t: t.nanmedian(t.tensor([NAN, NAN])),
    lambda t: t.tensor([[1., NAN], [3., 2.]]).nanmedian(0, keepdim=True),
    lambda t: t.nanmedian(t.tensor([3, 1, 2])),
    lambda t: t.nanmedian(t.tensor(3.), 0),
    lambda t: t.nanmedian(t.zeros(0)),
]


@pytest.mark.parametrize("i", range(len(REPRS)))
def test_printed_results_match_torch(i):
    torch = pytest.importorskip("torch")
    assert repr(REPRS[i](engine)) == repr(REPRS[i](torch))


def test_nanmedian_gradient_is_shared_by_ties_and_nans():
    x = engine.tensor([1., NAN, 2., 2.], requires_grad=True)
    engine.nanmedian(x).backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.5, 0.5]
    x = engine.tensor([NAN, NAN], requires_grad=True)
    engine.nanmedian(x).backward()
    assert x.grad.tolist() == [0.5, 0.5]


# ---------------------------------------------------------------------------------------------
# In-place shape methods
# ---------------------------------------------------------------------------------------------
INPLACE = [
    lambda y: y.unsqueeze_(0),
    lambda y: y.unsqueeze_(-1).squeeze_(),
    lambda y: y.unsqueeze_(1).squeeze_(1),
    lambda y: y.unsqueeze_(0).squeeze_((0,)),
    lambda y: y.t_(),
    lambda y: y.transpose_(0, 1),
    lambda y: y.t_().transpose_(1, 0),
]


@pytest.mark.parametrize("i", range(len(INPLACE)))
def test_inplace_shape_methods_match_torch(i):
    torch = pytest.importorskip("torch")
    a = _arr(2, 3)
    (xe,), (xt,) = _leaves(torch, a)
    ye, yt = xe * 2, xt * 2
    re, rt = INPLACE[i](ye), INPLACE[i](yt)
    assert re is ye and rt is yt
    assert tuple(ye.shape) == tuple(yt.shape)
    assert _name(ye) == _name(yt)
    assert ye.is_contiguous() == yt.is_contiguous()
    _close(ye, yt)
    w = _arr(*yt.shape)
    (ye * engine.tensor(w)).sum().backward()
    (yt * torch.tensor(w)).sum().backward()
    _close(xe.grad, xt.grad)


def test_inplace_shape_methods_on_plain_tensors_and_under_no_grad():
    x = engine.zeros(3, 1)
    assert x.squeeze_(1).shape == (3,)
    assert x.unsqueeze_(0).shape == (1, 3)
    assert x.t_().shape == (3, 1)
    assert engine.zeros(3).t_().shape == (3,)
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        engine.zeros(2, 3).t_().view(-1)
    leaf = engine.ones(1, 3, requires_grad=True)
    with engine.no_grad():
        leaf.unsqueeze_(0)
    assert leaf.shape == (1, 1, 3) and leaf.is_leaf and leaf.requires_grad


def test_resize_keeps_leading_elements():
    x = engine.arange(6.)
    assert x.resize_(2, 2).tolist() == [[0., 1.], [2., 3.]]
    assert x.resize_((4,)).tolist() == [0., 1., 2., 3.]
    assert x.resize_(2, 3).shape == (2, 3)
    assert x.reshape(-1)[:4].tolist() == [0., 1., 2., 3.]


# ---------------------------------------------------------------------------------------------
# frac, output_nr, post-accumulate-grad hooks
# ---------------------------------------------------------------------------------------------
def test_frac_node_and_output_nr():
    x = engine.tensor([1.5, -2.25], requires_grad=True)
    y = x.frac()
    assert repr(y) == "tensor([ 0.5000, -0.2500], grad_fn=<FracBackward0>)"
    y.sum().backward()
    assert x.grad.tolist() == [1.0, 1.0]
    assert x.output_nr == 0 and y.output_nr == 0


def test_post_accumulate_grad_hook():
    x = engine.tensor([1.5, -3.0], requires_grad=True)
    seen = []
    handle = x.register_post_accumulate_grad_hook(lambda t: seen.append(t.grad.tolist()))
    (x * x).sum().backward()
    (x * x).sum().backward()
    assert seen == [[3.0, -6.0], [6.0, -12.0]]
    engine.autograd.grad((x * x).sum(), x)  # no accumulation into .grad: no call
    assert len(seen) == 2
    handle.remove()
    (x * x).sum().backward()
    assert len(seen) == 2 and x.grad.tolist() == [9.0, -18.0]


def test_post_accumulate_grad_hook_can_step_the_leaf():
    """The optimizer-in-backward pattern: the hook updates the parameter and clears .grad."""
    w = engine.tensor([1.0, 2.0], requires_grad=True)

    def step(p):
        with engine.no_grad():
            p.sub_(0.5 * p.grad)
        p.grad = None

    w.register_post_accumulate_grad_hook(step)
    (w * w).sum().backward()
    assert w.tolist() == [0.0, 0.0] and w.grad is None


def test_post_accumulate_grad_hook_must_return_none():
    x = engine.tensor([1.0], requires_grad=True)
    x.register_post_accumulate_grad_hook(lambda t: t.grad)
    with pytest.raises(RuntimeError, match="should return None"):
        x.sum().backward()
