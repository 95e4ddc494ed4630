"""quantile/nanquantile, mode, Tensor.unfold, einsum's grad_fn names, F.kl_div/nn.KLDivLoss,
F.prelu/nn.PReLU, inference_mode, cummin, logcumsumexp, searchsorted/bucketize and
index_add/index_copy/index_fill/masked_scatter: values, gradients and grad_fn names against
PyTorch (float32 and float64), gradcheck in float64, and PyTorch's error messages."""
from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

import engine
import engine.nn as nn
import engine.nn.functional as F
from engine.gradcheck import gradcheck, gradgradcheck

RNG = np.random.default_rng(420)


def _arr(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def _pair(a, torch):
    return engine.tensor(a, requires_grad=True), torch.tensor(a, requires_grad=True)


def _close(e, t, rtol=1e-6, atol=1e-6):
    np.testing.assert_allclose(np.asarray(e.detach().numpy()), t.detach().numpy(),
                               rtol=rtol, atol=atol)


def _chain(t, depth: int = 4) -> list:
    """grad_fn names down the first-input edges: the composite's structure, as torch prints it."""
    names, fn = [], t.grad_fn
    while fn is not None and len(names) < depth:
        names.append(type(fn).__name__)
        nxt = [n for n, _ in fn.next_functions if n is not None]
        fn = nxt[0] if nxt else None
    return names


def _backward_both(ye, yt, dtype):
    g = _arr(*yt.shape, dtype=dtype)
    ye.backward(engine.tensor(g))
    yt.backward(__import__("torch").tensor(g))


# ---------------------------------------------------------------------------------------------
# quantile / nanquantile
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("fn", ["quantile", "nanquantile"])
@pytest.mark.parametrize("interpolation", ["linear", "lower", "higher", "midpoint", "nearest"])
def test_quantile_matches_torch(dtype, fn, interpolation):
    torch = pytest.importorskip("torch")
    # Ties: the gradient goes to the element sort() puts first, and torch's sort is an unstable
    # std::sort beyond 16 elements; this (3, 5, 4) input reduced whole has 60.
    big = _arr(3, 5, 4, dtype=dtype)
    small = _arr(3, 4, dtype=dtype)
    small[1, 1] = small[1, 3] = small[0, 2]
    for a, q in itertools.product((big, small), (0.0, 0.3, 0.5, 1.0, [0.1, 0.5, 0.9])):
        for dim in (None, 0, 1, -1):
            for keepdim in (False, True):
                xe, xt = _pair(a, torch)
                qe = engine.tensor(np.array(q, dtype)) if isinstance(q, list) else q
                qt = torch.tensor(np.array(q, dtype)) if isinstance(q, list) else q
                ye = getattr(engine, fn)(xe, qe, dim, keepdim, interpolation=interpolation)
                yt = getattr(torch, fn)(xt, qt, dim, keepdim, interpolation=interpolation)
                assert tuple(ye.shape) == tuple(yt.shape)
                assert _chain(ye) == _chain(yt)
                if dtype == np.float32:  # float64's lerp may differ from torch's fma in 1 ulp
                    np.testing.assert_array_equal(ye.detach().numpy(), yt.detach().numpy())
                _close(ye, yt, 1e-12, 1e-12)
                _backward_both(ye, yt, dtype)
                _close(xe.grad, xt.grad)


def test_quantile_nan_handling_matches_torch():
    torch = pytest.importorskip("torch")
    a = np.array([[1., np.nan, 3, 2], [np.nan] * 4, [4, 1, 2, 3]], dtype=np.float32)
    for fn in ("quantile", "nanquantile"):
        for dim in (None, 0, 1):
            ye = getattr(engine, fn)(engine.tensor(a), 0.4, dim)
            yt = getattr(torch, fn)(torch.tensor(a), 0.4, dim)
            np.testing.assert_array_equal(ye.numpy(), yt.numpy())


def test_quantile_method_scalar_and_print():
    x = engine.tensor([[1., 5, 3, 2], [4, 2, 2, 9]], requires_grad=True)
    assert repr(x.quantile(0.5)) == "tensor(2.5000, grad_fn=<SqueezeBackward4>)"
    assert repr(x.nanquantile(0.3, dim=1)) == "tensor([1.9000, 2.0000], grad_fn=<SqueezeBackward4>)"
    assert engine.quantile(engine.tensor(3.), 0.5, 0).item() == 3.0


@pytest.mark.parametrize("interpolation", ["linear", "midpoint", "nearest"])
def test_quantile_gradcheck(interpolation):
    x = engine.tensor(_arr(4, 5, dtype=np.float64), requires_grad=True)
    q = engine.tensor(np.array([0.2, 0.5, 0.9]))
    assert gradcheck(lambda t: engine.quantile(t, 0.3, interpolation=interpolation), (x,))
    assert gradcheck(lambda t: engine.quantile(t, q, 1, True, interpolation=interpolation), (x,))
    assert gradcheck(lambda t: engine.nanquantile(t, q, 0, interpolation=interpolation), (x,))


@pytest.mark.parametrize("call,exc,message", [
    (lambda x: engine.quantile(x, 1.5), RuntimeError,
     "quantile() q must be in the range [0, 1] but got 1.5"),
    (lambda x: engine.quantile(x, engine.tensor([0.5, 2.])), RuntimeError,
     "quantile() q values must be in the range [0, 1]"),
    (lambda x: engine.quantile(x, engine.tensor([[0.5]])), RuntimeError,
     "quantile() q must be a scalar or 1D tensor"),
    (lambda x: engine.quantile(x, engine.tensor([0.5], dtype=engine.float64)), RuntimeError,
     "quantile() q tensor must be same dtype as the input tensor"),
    (lambda x: engine.quantile(engine.tensor([1, 2]), 0.5), RuntimeError,
     "quantile() input tensor must be either float or double dtype"),
    (lambda x: engine.quantile(engine.tensor([]), 0.5), RuntimeError,
     "quantile() input tensor must be non-empty"),
    (lambda x: engine.quantile(x, 0.5, interpolation="foo"), RuntimeError,
     "quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but "
     "got foo"),
    (lambda x: engine.quantile(x, 0.5, dim=3), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got 3)"),
])
def test_quantile_errors(call, exc, message):
    with pytest.raises(exc) as info:
        call(engine.ones(2, 4))
    assert str(info.value) == message


# ---------------------------------------------------------------------------------------------
# mode
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_mode_matches_torch_on_ties(dtype):
    torch = pytest.importorskip("torch")
    for _ in range(10):
        a = RNG.integers(0, 4, size=(3, 6, 5)).astype(dtype)
        for dim in (0, 1, -1):
            for keepdim in (False, True):
                me, mt = engine.mode(engine.tensor(a), dim, keepdim), torch.mode(torch.tensor(a),
                                                                                 dim, keepdim)
                np.testing.assert_array_equal(me.values.numpy(), mt.values.numpy())
                np.testing.assert_array_equal(me.indices.numpy(), mt.indices.numpy())
                assert me.indices.dtype == engine.int64


@pytest.mark.parametrize("values", [[3., 1, 1, 3, 2, 2], [2., 1, 2], [1., 2, 1, 2], [7.],
                                    [1., np.nan, np.nan, 2, 2]])
def test_mode_1d_matches_torch(values):
    torch = pytest.importorskip("torch")
    me, mt = engine.tensor(values).mode(), torch.tensor(values).mode()
    assert repr(me) == repr(mt)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_mode_gradient_and_name(dtype):
    # No gradcheck: any perturbation of a mode's element changes which value is the mode.
    torch = pytest.importorskip("torch")
    a = RNG.integers(0, 3, size=(4, 6)).astype(dtype)
    for dim, keepdim in ((0, False), (1, True), (-1, False)):
        xe, xt = _pair(a, torch)
        me, mt = engine.mode(xe, dim, keepdim), torch.mode(xt, dim, keepdim)
        assert repr(me) == repr(mt)
        assert type(me.values.grad_fn).__name__ == "ModeBackward0"
        _backward_both(me.values, mt.values, dtype)
        _close(xe.grad, xt.grad)


def test_mode_scalar_and_errors():
    r = engine.mode(engine.tensor(3.))
    assert (r.values.item(), r.indices.item(), r.indices.ndim) == (3.0, 0, 0)
    with pytest.raises(IndexError, match=r"^mode\(\): Expected reduction dim 0 to have non-zero "
                                         r"size\.$"):
        engine.mode(engine.tensor([]), 0)


# ---------------------------------------------------------------------------------------------
# unfold
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_unfold_matches_torch(dtype):
    torch = pytest.importorskip("torch")
    for shape in ((7,), (3, 8), (2, 5, 6)):
        a = _arr(*shape, dtype=dtype)
        for dim in range(len(shape)):
            for size in range(0, shape[dim] + 1):
                for step in (1, 2, 3):
                    xe, xt = _pair(a, torch)
                    ye, yt = xe.unfold(dim, size, step), xt.unfold(dim, size, step)
                    np.testing.assert_array_equal(ye.detach().numpy(), yt.detach().numpy())
                    assert ye.stride() == yt.stride()
                    assert ye.is_contiguous() == yt.is_contiguous()
                    assert type(ye.grad_fn).__name__ == type(yt.grad_fn).__name__ == \
                        "UnfoldBackward0"
                    _backward_both(ye, yt, dtype)
                    _close(xe.grad, xt.grad)


def test_unfold_gradcheck_and_double_backward():
    x = engine.tensor(_arr(3, 7, dtype=np.float64), requires_grad=True)
    assert gradcheck(lambda t: t.unfold(1, 3, 2), (x,))
    assert gradgradcheck(lambda t: t.unfold(1, 3, 1).square(), (x,))
    s = engine.tensor(2.0, dtype=engine.float64, requires_grad=True)
    assert gradcheck(lambda t: t.unfold(0, 1, 1), (s,))


def test_unfold_view_and_errors():
    x = engine.arange(8.).reshape(2, 4)
    u = x.unfold(1, 2, 1)
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        u.view(-1)
    assert u.reshape(-1).tolist() == [0., 1., 1., 2., 2., 3., 4., 5., 5., 6., 6., 7.]
    with pytest.raises(RuntimeError) as info:
        x.unfold(1, 5, 1)
    assert str(info.value) == "maximum size for tensor at dimension 1 is 4 but size is 5"
    with pytest.raises(RuntimeError) as info:
        x.unfold(1, 2, 0)
    assert str(info.value) == "step is 0 but must be > 0"


# ---------------------------------------------------------------------------------------------
# einsum: grad_fn names of torch's composite; gradients (diagonals, '...' included)
# ---------------------------------------------------------------------------------------------
EINSUMS = [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("i,i->", [(3,), (3,)]), ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)]),
    ("ii->i", [(3, 3)]), ("ij->ji", [(2, 3)]), ("ij->", [(2, 3)]), ("ij,ij->ij", [(2, 3), (2, 3)]),
    ("i,j->ij", [(2,), (3,)]), ("ij,j->i", [(2, 3), (3,)]), ("ij->i", [(2, 3)]), ("ii", [(3, 3)]),
    ("ij,jk", [(2, 3), (3, 2)]), ("ij,k->ik", [(2, 3), (2,)]), ("ij,jk,kl->il", [(2, 3), (3, 2), (2, 2)]),
    ("bi,bj->bij", [(2, 3), (2, 2)]), ("ii,ij->j", [(3, 3), (3, 2)]),
    ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]), ("...i,...i->...", [(3, 4), (4,)]),
    ("...ij,jk", [(2, 3, 4), (4, 2)]), ("i...->...", [(3, 2, 2)]), ("...ii->...i", [(2, 3, 3)]),
    ("b...,b...->b...", [(2, 3), (2, 3)]),
]


@pytest.mark.parametrize("eq,shapes", EINSUMS, ids=[e for e, _ in EINSUMS])
def test_einsum_grad_fn_and_gradients_match_torch(eq, shapes):
    torch = pytest.importorskip("torch")
    pairs = [_pair(_arr(*s), torch) for s in shapes]
    ye = engine.einsum(eq, *[p[0] for p in pairs])
    yt = torch.einsum(eq, *[p[1] for p in pairs])
    assert type(ye.grad_fn).__name__ == type(yt.grad_fn).__name__
    _close(ye, yt, 1e-5, 1e-5)
    _backward_both(ye, yt, np.float32)
    for e, t in pairs:
        _close(e.grad, t.grad, 1e-5, 1e-5)


@pytest.mark.parametrize("eq,shapes", EINSUMS, ids=[e for e, _ in EINSUMS])
def test_einsum_gradcheck(eq, shapes):
    xs = tuple(engine.tensor(_arr(*s, dtype=np.float64), requires_grad=True) for s in shapes)
    assert gradcheck(lambda *t: engine.einsum(eq, *t), xs)


def test_einsum_diagonal_double_backward():
    x = engine.tensor(_arr(3, 3, dtype=np.float64), requires_grad=True)
    assert gradgradcheck(lambda t: engine.einsum("ii->i", t).square(), (x,))
    (g,) = engine.autograd.grad(engine.einsum("ii->i", x).square().sum(), x, create_graph=True)
    assert type(g.grad_fn).__name__ == "DiagonalBackwardBackward0"


# ---------------------------------------------------------------------------------------------
# kl_div / KLDivLoss
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("reduction", ["none", "sum", "mean", "batchmean"])
@pytest.mark.parametrize("log_target", [False, True])
def test_kl_div_matches_torch(dtype, reduction, log_target):
    torch = pytest.importorskip("torch")
    logp = np.log(RNG.dirichlet(np.ones(5), size=4)).astype(dtype)
    tgt = RNG.dirichlet(np.ones(5), size=4).astype(dtype)
    tgt[0, 0] = 0  # xlogy(0, 0) is 0
    if log_target:
        tgt = np.log(tgt + 0.01).astype(dtype)
    xe, xt = _pair(logp, torch)
    te, tt = _pair(tgt, torch)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ye = F.kl_div(xe, te, reduction=reduction, log_target=log_target)
        yt = torch.nn.functional.kl_div(xt, tt, reduction=reduction, log_target=log_target)
    assert type(ye.grad_fn).__name__ == type(yt.grad_fn).__name__
    _close(ye, yt, 1e-6, 1e-7)
    if dtype == np.float32:
        np.testing.assert_array_equal(ye.detach().numpy(), yt.detach().numpy())
    _backward_both(ye, yt, dtype)
    _close(xe.grad, xt.grad)
    grad_t = te.grad.numpy()
    ok = np.isfinite(grad_t)  # d/dt xlogy(t, t) at t = 0 is nan in both
    np.testing.assert_allclose(grad_t[ok], tt.grad.numpy()[ok], rtol=1e-5, atol=1e-6)


def test_kl_div_mean_warning_and_module():
    with pytest.warns(UserWarning) as rec:
        F.kl_div(engine.zeros(2, 2), engine.full((2, 2), 0.5))
    assert str(rec[0].message) == (
        "reduction: 'mean' divides the total loss by both the batch size and the support size."
        "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
        "'mean' will be changed to behave the same as 'batchmean' in the next major release.")
    assert rec[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = nn.KLDivLoss(reduction="batchmean", log_target=True)
        assert repr(loss) == "KLDivLoss()"
        out = loss(engine.zeros(2, 3), engine.zeros(2, 3))
    assert out.item() == 0.0


def test_kl_div_gradcheck():
    logp = engine.tensor(_arr(3, 4, dtype=np.float64), requires_grad=True)
    tgt = engine.tensor(RNG.uniform(0.1, 1, (3, 4)), requires_grad=True)
    assert gradcheck(lambda a, b: F.kl_div(a, b, reduction="batchmean"), (logp, tgt))
    assert gradcheck(lambda a, b: F.kl_div(a, b, reduction="none", log_target=True), (logp, tgt))


def test_kl_div_errors():
    with pytest.raises(ValueError, match="^foo is not a valid value for reduction$"):
        F.kl_div(engine.zeros(2), engine.zeros(2), reduction="foo")
    with pytest.raises(RuntimeError, match="^kl_div: Integral inputs not supported.$"):
        F.kl_div(engine.ones(2, dtype=engine.long), engine.ones(2), reduction="sum")


# ---------------------------------------------------------------------------------------------
# prelu / PReLU
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape,wshape", [((4, 3), (1,)), ((4, 3), (3,)), ((2, 3, 5), (3,)),
                                          ((2, 3, 2, 2), (3,)), ((5,), (1,)), ((), (1,)),
                                          ((4, 3), ())])
def test_prelu_matches_torch(dtype, shape, wshape):
    torch = pytest.importorskip("torch")
    xe, xt = _pair(_arr(*shape, dtype=dtype), torch)
    we, wt = _pair(RNG.uniform(0, 0.5, wshape).astype(dtype), torch)
    ye, yt = F.prelu(xe, we), torch.nn.functional.prelu(xt, wt)
    assert type(ye.grad_fn).__name__ == type(yt.grad_fn).__name__ == "PreluKernelBackward0"
    np.testing.assert_array_equal(ye.detach().numpy(), yt.detach().numpy())
    _backward_both(ye, yt, dtype)
    _close(xe.grad, xt.grad)
    _close(we.grad, wt.grad, 1e-5, 1e-6)


def test_prelu_gradcheck():
    x = engine.tensor(_arr(3, 4, 2, dtype=np.float64), requires_grad=True)
    w = engine.tensor(RNG.uniform(0, 0.5, 4), requires_grad=True)
    assert gradcheck(F.prelu, (x, w))
    assert gradgradcheck(lambda a, b: F.prelu(a, b) * a, (x, w))


def test_prelu_module():
    torch = pytest.importorskip("torch")
    m, mt = nn.PReLU(3, init=0.1), torch.nn.PReLU(3, init=0.1)
    assert repr(m) == repr(mt) == "PReLU(num_parameters=3)"
    assert repr(nn.PReLU().weight) == repr(torch.nn.PReLU().weight)
    assert [n for n, _ in m.named_parameters()] == ["weight"]
    a = _arr(2, 3, 4)
    ye, yt = m(engine.tensor(a)), mt(torch.tensor(a))
    _close(ye, yt)
    ye.sum().backward()
    yt.sum().backward()
    _close(m.weight.grad, mt.weight.grad, 1e-5, 1e-6)


@pytest.mark.parametrize("x,w,exc,message", [
    ((4, 3), (4,), RuntimeError, "Mismatch of parameter numbers and input channel size. Found "
                                 "parameter numbers = 4 and channel size = 3."),
    ((3,), (3,), RuntimeError, "Mismatch of parameter numbers and input channel size. Found "
                               "parameter numbers = 3 and channel size = 1."),
    ((4, 3), (1, 1), RuntimeError, "prelu: Expected `weight` to be a scalar or 1D tensor, but "
                                   "got: ndim = 2"),
])
def test_prelu_errors(x, w, exc, message):
    with pytest.raises(exc) as info:
        F.prelu(engine.ones(*x), engine.ones(*w))
    assert str(info.value) == message
    with pytest.raises(RuntimeError, match="^prelu: Type promoting not supported. Got Float and "
                                           "Double$"):
        F.prelu(engine.ones(2, 2), engine.ones(2, dtype=engine.float64))


# ---------------------------------------------------------------------------------------------
# inference_mode
# ---------------------------------------------------------------------------------------------
def test_inference_mode_context_and_decorator():
    w = engine.ones(2, requires_grad=True)
    assert not engine.is_inference_mode_enabled()
    with engine.inference_mode():
        assert engine.is_inference_mode_enabled() and not engine.is_grad_enabled()
        assert not (w * 2).requires_grad
        with engine.inference_mode(False):  # as torch: recording is on again
            assert not engine.is_inference_mode_enabled() and engine.is_grad_enabled()
            assert (w * 2).requires_grad
        assert engine.is_inference_mode_enabled()
    assert not engine.is_inference_mode_enabled() and engine.is_grad_enabled()

    @engine.inference_mode
    def bare():
        return (w * 2).requires_grad, engine.is_inference_mode_enabled()

    @engine.inference_mode()
    def called():
        return (w * 2).requires_grad, engine.is_inference_mode_enabled()

    assert bare() == called() == (False, True)
    assert not engine.is_inference_mode_enabled()
    assert engine.autograd.inference_mode is engine.inference_mode


# ---------------------------------------------------------------------------------------------
# cummin, logcumsumexp, searchsorted, bucketize
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cummin_matches_torch(dtype):
    torch = pytest.importorskip("torch")
    a = RNG.integers(0, 4, size=(3, 7)).astype(dtype)  # ties: torch takes the last index
    a[1, 3] = np.nan
    for dim in (0, 1, -1):
        xe, xt = _pair(a, torch)
        re, rt = engine.cummin(xe, dim), torch.cummin(xt, dim)
        assert repr(re) == repr(rt)
        assert type(re.values.grad_fn).__name__ == "CumminBackward0"
        _backward_both(re.values, rt.values, dtype)
        _close(xe.grad, xt.grad)
    s = engine.tensor(2.0, requires_grad=True)
    assert repr(s.cummin(0)) == repr(torch.tensor(2.0, requires_grad=True).cummin(0))
    x = engine.tensor(_arr(3, 5, dtype=np.float64), requires_grad=True)
    assert gradcheck(lambda t: engine.cummin(t, 1).values, (x,))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_logcumsumexp_matches_torch(dtype):
    torch = pytest.importorskip("torch")
    a = (_arr(4, 6, dtype=dtype) * 30).astype(dtype)  # large values: no overflow either way
    for dim in (0, 1):
        xe, xt = _pair(a, torch)
        ye, yt = xe.logcumsumexp(dim), torch.logcumsumexp(xt, dim)
        assert type(ye.grad_fn).__name__ == type(yt.grad_fn).__name__ == "LogcumsumexpBackward0"
        if dtype == np.float32:  # float64: numpy's exp/log1p may differ from libm's in 1 ulp
            np.testing.assert_array_equal(ye.detach().numpy(), yt.detach().numpy())
        _close(ye, yt, 1e-14, 0)
        _backward_both(ye, yt, dtype)
        _close(xe.grad, xt.grad, 1e-5, 1e-6)
    inf = [-np.inf, -np.inf, 0.0, np.inf, 1.0, np.nan, 2.0]
    assert repr(engine.logcumsumexp(engine.tensor(inf), 0)) == \
        repr(torch.logcumsumexp(torch.tensor(inf), 0))


def test_logcumsumexp_gradcheck_and_errors():
    x = engine.tensor(_arr(3, 5, dtype=np.float64), requires_grad=True)
    assert gradcheck(lambda t: engine.logcumsumexp(t, 1), (x,))
    assert gradgradcheck(lambda t: engine.logcumsumexp(t, 0), (x,))
    with pytest.raises(NotImplementedError) as info:
        engine.logcumsumexp(engine.tensor([1, 2]), 0)
    assert str(info.value) == "\"logcumsumexp_out_cpu\" not implemented for 'Long'"


def test_searchsorted_and_bucketize_match_torch():
    torch = pytest.importorskip("torch")
    s, v = [1, 3, 5, 7, 9], [[3, 6, 9], [0, 10, 5]]
    for lib_call in (
        lambda T: T.searchsorted(T.tensor(s), T.tensor(v)),
        lambda T: T.searchsorted(T.tensor(s), T.tensor(v), right=True),
        lambda T: T.searchsorted(T.tensor(s), T.tensor(v), side="right"),
        lambda T: T.searchsorted(T.tensor(s), 5),
        lambda T: T.searchsorted(T.tensor(s), T.tensor([3.0, 6.5]), out_int32=True),
        lambda T: T.searchsorted(T.tensor([[1, 2], [3, 4]]), T.tensor([[1, 3, 5], [3, 4, 5]])),
        lambda T: T.searchsorted(T.tensor([3, 1, 2]), T.tensor([2]), sorter=T.tensor([1, 2, 0])),
        lambda T: T.bucketize(T.tensor(v), T.tensor(s)),
        lambda T: T.bucketize(T.tensor(v), T.tensor(s), right=True),
        lambda T: T.bucketize(5, T.tensor(s)),
    ):
        assert repr(lib_call(engine)) == repr(lib_call(torch))
    with pytest.raises(RuntimeError, match=r"^boundaries tensor must be 1 dimension, but got "
                                           r"dim\(2\)$"):
        engine.bucketize(engine.tensor([1]), engine.tensor([[1, 2]]))


# ---------------------------------------------------------------------------------------------
# index_add, index_copy, index_fill, masked_scatter
# ---------------------------------------------------------------------------------------------
MASK = [[True, False, True], [False] * 3, [True] * 3, [False] * 3, [False, True, False]]
INDEX_OPS = [
    ("index_add", lambda T, a, b: a.index_add(0, T.tensor([0, 4, 2, 0]), b), "IndexAddBackward0"),
    ("index_add_alpha", lambda T, a, b: a.index_add(1, T.tensor([2, 0, 2]), b[:, :3].repeat(2, 1)[:5],
                                                    alpha=2.5), "IndexAddBackward0"),
    ("index_copy", lambda T, a, b: a.index_copy(0, T.tensor([0, 4, 2]), b[:3]),
     "IndexCopyBackward0"),
    ("index_fill", lambda T, a, b: a.index_fill(1, T.tensor([0, -1]), -1.0),
     "IndexFillBackward0"),
    ("index_fill_tensor", lambda T, a, b: a.index_fill(1, T.tensor([0, 2]), b[0, 1]),
     "IndexFillBackward1"),
    ("masked_scatter", lambda T, a, b: a.masked_scatter(T.tensor(MASK), b),
     "MaskedScatterBackward0"),
    ("masked_scatter_broadcast",
     lambda T, a, b: a.masked_scatter(T.tensor([True, False, True]), b), "MaskedScatterBackward0"),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,call,node", INDEX_OPS, ids=[o[0] for o in INDEX_OPS])
def test_index_ops_match_torch(dtype, name, call, node):
    torch = pytest.importorskip("torch")
    xe, xt = _pair(_arr(5, 3, dtype=dtype), torch)
    se, st = _pair(_arr(4, 3, dtype=dtype), torch)
    ye, yt = call(engine, xe * 1, se), call(torch, xt * 1, st)
    assert type(ye.grad_fn).__name__ == type(yt.grad_fn).__name__ == node
    np.testing.assert_array_equal(ye.detach().numpy(), yt.detach().numpy())
    _backward_both(ye, yt, dtype)
    _close(xe.grad, xt.grad)
    if st.grad is None:  # a number filled in
        assert se.grad is None
    else:
        _close(se.grad, st.grad)


@pytest.mark.parametrize("name,call,node", INDEX_OPS, ids=[o[0] for o in INDEX_OPS])
def test_index_ops_gradcheck(name, call, node):
    x = engine.tensor(_arr(5, 3, dtype=np.float64), requires_grad=True)
    s = engine.tensor(_arr(4, 3, dtype=np.float64), requires_grad=True)
    assert gradcheck(lambda a, b: call(engine, a, b), (x, s))


def test_index_ops_in_place():
    torch = pytest.importorskip("torch")
    for lib in (engine, torch):
        t = lib.zeros(3, 2)
        t.index_add_(0, lib.tensor([0, 0]), lib.ones(2, 2))
        t.index_copy_(0, lib.tensor([2]), lib.full((1, 2), 5.0))
        t.index_fill_(1, lib.tensor([1]), -1.0)
        t.masked_scatter_(lib.tensor([[False, False], [True, False], [False, False]]),
                          lib.tensor([7.0]))
        if lib is engine:
            got = repr(t)
    assert got == repr(t)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
        engine.ones(3, requires_grad=True).index_fill_(0, engine.tensor([0]), 2.0)


@pytest.mark.parametrize("call,exc,message", [
    (lambda T: T.ones(5, 3).index_add(0, T.tensor([0, 5]), T.ones(2, 3)), RuntimeError,
     "index 5 is out of bounds for dimension 0 with size 5"),
    (lambda T: T.ones(5, 3).index_add(0, T.tensor([0, 1]), T.ones(3, 3)), RuntimeError,
     "index_add_(): Number of indices (2) should be equal to source.size(dim): (3), for dim: 0"),
    (lambda T: T.ones(5, 3).index_add(0, T.tensor([0., 1]), T.ones(2, 3)), RuntimeError,
     "index_add_(): Expected dtype int32/int64 for index but got: Float"),
    (lambda T: T.ones(5, 3).index_copy(0, T.tensor([0, -1]), T.ones(2, 3)), IndexError,
     "index_copy_(): index -1 is out of bounds for dimension 0 with size 5"),
    (lambda T: T.ones(5, 3).index_copy(0, T.tensor([0, 1]), T.ones(2, 3).double()), RuntimeError,
     "index_copy_(): self and source expected to have the same dtype, but got (self) Float and "
     "(source) Double"),
    (lambda T: T.ones(5, 3).index_copy(0, T.tensor([[0, 1]]), T.ones(2, 3)), IndexError,
     "index_copy_(): Index should have dimension 1 or 0 (got 2)"),
    (lambda T: T.ones(5, 3).index_copy(0, T.tensor([0, 1], dtype=T.int32), T.ones(2, 3)),
     RuntimeError, "index_copy_(): Expected a long tensor for index, but got Int"),
    (lambda T: T.ones(5, 3).index_fill(0, T.tensor([0, -6]), 1.0), IndexError,
     "index -6 is out of bounds for dimension 0 with size 5"),
    (lambda T: T.ones(5, 3).index_fill(0, T.tensor([[0, 1]]), 1.0), RuntimeError,
     "Index has to be a vector/scalar"),
    (lambda T: T.ones(5, 3).masked_scatter(T.ones(5, 3, dtype=T.bool), T.ones(4)), RuntimeError,
     "Number of elements of source < number of ones in mask"),
    (lambda T: T.ones(5, 3).masked_scatter(T.ones(5, 2, dtype=T.bool), T.ones(15)), RuntimeError,
     "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1"),
])
def test_index_ops_errors(call, exc, message):
    with pytest.raises(exc) as info:
        call(engine)
    assert str(info.value) == message
