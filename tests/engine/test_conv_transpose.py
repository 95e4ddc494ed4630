"""Transposed convolution (F.conv_transpose1d/2d, nn.ConvTranspose1d/2d) and the Bilinear layer
(F.bilinear, nn.Bilinear): gradcheck / gradgradcheck in float64, values, grad_fn graphs and
gradients against PyTorch (float32), torch's initialisation drawn from the same seed, module
reprs, `output_size`, and PyTorch's error messages."""
from __future__ import annotations

import numpy as np
import pytest

import engine
import engine.nn as nn
import engine.nn.functional as F
from engine.gradcheck import gradcheck, gradgradcheck

RNG = np.random.default_rng(97531)


def _arr(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def _leaf(*shape):
    return engine.tensor(_arr(*shape, dtype=np.float64), requires_grad=True)


def _close(e, t, rtol=1e-5, atol=1e-5):
    np.testing.assert_allclose(np.asarray(e.detach().numpy()), t.detach().numpy(),
                               rtol=rtol, atol=atol)


def _grad_name(t):
    return type(t.grad_fn).__name__


def _graph(fn) -> list:
    """The grad_fn names of a graph, depth first (AccumulateGrad included)."""
    out = []

    def walk(node, depth):
        if node is None:
            return
        out.append("  " * depth + type(node).__name__)
        for nxt, _ in node.next_functions:
            walk(nxt, depth + 1)

    walk(fn, 0)
    return out


CT2D = [
    ("plain", {}, 1),
    ("stride", {"stride": 2}, 1),
    ("stride_pad_outpad", {"stride": 2, "padding": 1, "output_padding": 1}, 1),
    ("mixed", {"stride": (2, 3), "padding": (1, 0), "dilation": (1, 2),
               "output_padding": (1, 2)}, 1),
    ("dilation_outpad", {"dilation": 2, "output_padding": 1}, 1),
    ("groups", {"stride": 2}, 2),
    ("depthwise", {"padding": 1}, 4),
]


@pytest.mark.parametrize("name,kw,groups", CT2D, ids=[c[0] for c in CT2D])
def test_conv_transpose2d_gradcheck(name, kw, groups):
    x, w, b = _leaf(2, 4, 3, 2), _leaf(4, 8 // groups, 3, 2), _leaf(8)
    fn = lambda x, w, b: F.conv_transpose2d(x, w, b, groups=groups, **kw)  # noqa: E731
    assert gradcheck(fn, (x, w, b))
    if name in ("plain", "mixed", "groups"):
        assert gradgradcheck(fn, (x, w, b))


@pytest.mark.parametrize("name,kw,groups", CT2D, ids=[c[0] for c in CT2D])
def test_conv_transpose2d_matches_torch(name, kw, groups):
    torch = pytest.importorskip("torch")
    arrays = (_arr(2, 4, 5, 4), _arr(4, 8 // groups, 3, 2), _arr(8))
    te = [engine.tensor(a, requires_grad=True) for a in arrays]
    tt = [torch.tensor(a, requires_grad=True) for a in arrays]
    ye = F.conv_transpose2d(*te, groups=groups, **kw)
    yt = torch.nn.functional.conv_transpose2d(*tt, groups=groups, **kw)
    assert tuple(ye.shape) == tuple(yt.shape)
    assert _grad_name(ye) == _grad_name(yt) == "ConvolutionBackward0"
    _close(ye, yt)
    g = _arr(*yt.shape)
    (ye * engine.tensor(g)).sum().backward()
    (yt * torch.tensor(g)).sum().backward()
    for e, t in zip(te, tt):
        _close(e.grad, t.grad, rtol=1e-4, atol=1e-4)


CT1D = [({}, 1), ({"stride": 3, "padding": 1, "output_padding": 2}, 1),
        ({"dilation": 2, "stride": 2}, 1), ({"stride": 2}, 2)]


@pytest.mark.parametrize("kw,groups", CT1D, ids=str)
def test_conv_transpose1d_gradcheck_and_torch(kw, groups):
    x, w, b = _leaf(2, 4, 5), _leaf(4, 6 // groups, 3), _leaf(6)
    assert gradcheck(lambda x, w, b: F.conv_transpose1d(x, w, b, groups=groups, **kw), (x, w, b))
    torch = pytest.importorskip("torch")
    arrays = [t.detach().numpy().astype(np.float32) for t in (x, w, b)]
    te = [engine.tensor(a, requires_grad=True) for a in arrays]
    tt = [torch.tensor(a, requires_grad=True) for a in arrays]
    ye = F.conv_transpose1d(*te, groups=groups, **kw)
    yt = torch.nn.functional.conv_transpose1d(*tt, groups=groups, **kw)
    assert _grad_name(ye) == _grad_name(yt) == "ConvolutionBackward0"
    _close(ye, yt)
    ye.pow(2).sum().backward()
    yt.pow(2).sum().backward()
    for e, t in zip(te, tt):
        _close(e.grad, t.grad, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("fn,shape,wshape", [("conv_transpose1d", (3, 5), (3, 2, 3)),
                                              ("conv_transpose2d", (3, 4, 4), (3, 2, 2, 2))])
def test_unbatched_input_graph_matches_torch(fn, shape, wshape):
    torch = pytest.importorskip("torch")
    a, w = _arr(*shape), _arr(*wshape)
    ye = getattr(F, fn)(engine.tensor(a, requires_grad=True), engine.tensor(w), stride=2)
    yt = getattr(torch.nn.functional, fn)(torch.tensor(a, requires_grad=True), torch.tensor(w),
                                          stride=2)
    assert _graph(ye.grad_fn) == _graph(yt.grad_fn)
    _close(ye, yt)


def test_conv_transpose_is_adjoint_of_conv():
    """<conv(x), y> == <x, conv_transpose(y)> with the same weight and geometry."""
    x, y, w = _arr(2, 3, 9, 8, dtype=np.float64), _arr(2, 5, 5, 4, dtype=np.float64), \
        _arr(5, 3, 3, 2, dtype=np.float64)
    kw = {"stride": 2, "padding": 1, "dilation": (1, 2)}
    cx = F.conv2d(engine.tensor(x), engine.tensor(w), **kw)
    ty = F.conv_transpose2d(engine.tensor(y), engine.tensor(w), output_padding=(0, 1), **kw)
    assert tuple(ty.shape) == x.shape
    np.testing.assert_allclose((cx.numpy() * y).sum(), (x * ty.numpy()).sum(), rtol=1e-12)


# ---------------------------------------------------------------------------------------------
# Modules
# ---------------------------------------------------------------------------------------------
CT_MODULES = [
    lambda m: m.ConvTranspose2d(3, 8, 3, stride=2),
    lambda m: m.ConvTranspose2d(4, 6, (2, 3), stride=(2, 1), padding=1, output_padding=(1, 0),
                                groups=2, bias=False, dilation=(1, 2)),
    lambda m: m.ConvTranspose1d(2, 4, 3, output_padding=1, stride=2, groups=2, bias=False,
                                dilation=2, padding=1),
    lambda m: m.ConvTranspose1d(3, 5, 4),
]


@pytest.mark.parametrize("make", CT_MODULES)
def test_conv_transpose_module_init_repr_forward(make):
    torch = pytest.importorskip("torch")
    torch.manual_seed(11)
    engine.manual_seed(11)
    mt, me = make(torch.nn), make(nn)
    assert repr(me) == repr(mt)
    for (nt, pt), (ne, pe) in zip(mt.named_parameters(), me.named_parameters()):
        assert nt == ne
        np.testing.assert_array_equal(pe.detach().numpy(), pt.detach().numpy())
    shape = (2, me.in_channels) + (5,) * len(me.kernel_size)
    a = _arr(*shape)
    _close(me(engine.tensor(a)), mt(torch.tensor(a)))


def test_conv_transpose_output_size():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    engine.manual_seed(0)
    mt, me = torch.nn.ConvTranspose2d(3, 4, 3, stride=2), nn.ConvTranspose2d(3, 4, 3, stride=2)
    a = _arr(1, 3, 5, 5)
    for size in ((12, 12), (1, 4, 11, 12)):
        _close(me(engine.tensor(a), output_size=size), mt(torch.tensor(a), output_size=size))
    for size in ((12, 13), (4, 12, 12)):
        with pytest.raises(ValueError) as want:
            mt(torch.tensor(a), output_size=size)
        with pytest.raises(ValueError) as got:
            me(engine.tensor(a), output_size=size)
        assert str(got.value) == str(want.value)


CT_ERRORS = [
    lambda F, x, w: F.conv_transpose2d(x, w, stride=1, output_padding=1),
    lambda F, x, w: F.conv_transpose2d(x, w, stride=2, output_padding=2),
    lambda F, x, w: F.conv_transpose2d(x, w[:3]),
    lambda F, x, w: F.conv_transpose2d(x, w, groups=3),
    lambda F, x, w: F.conv_transpose2d(x, w, bias=x.new_ones(4)),
    lambda F, x, w: F.conv_transpose2d(x[0, 0], w),
    lambda F, x, w: F.conv_transpose2d(x, w, padding=5),
    lambda F, x, w: F.conv_transpose2d(x, w, padding=-1),
    lambda F, x, w: F.conv_transpose2d(x, w, stride=0),
    lambda F, x, w: F.conv_transpose2d(x, w, dilation=0),
    lambda F, x, w: F.conv_transpose2d(x, w, groups=0),
    lambda F, x, w: F.conv_transpose2d(x, w, stride=(1, 2, 3)),
    lambda F, x, w: F.conv_transpose2d(x, w, padding="same"),
    lambda F, x, w: F.conv_transpose2d(x.double(), w),
    lambda F, x, w: F.conv_transpose1d(x[0], w[:, :, 0]),
    lambda F, x, w: F.conv_transpose1d(x[:, :, 0], w[:, :, 0], output_padding=1),
    lambda F, x, w: F.conv_transpose1d(x[:, :, 0], w[:, :, 0], dilation=0),
    lambda F, x, w: F.conv_transpose1d(x[:, :, 0], w[:, :, 0], padding=4),
]


@pytest.mark.parametrize("case", range(len(CT_ERRORS)))
def test_conv_transpose_errors_match_torch(case):
    torch = pytest.importorskip("torch")
    a, w = _arr(1, 4, 5, 5), _arr(4, 3, 3, 3)
    with pytest.raises(Exception) as want:
        CT_ERRORS[case](torch.nn.functional, torch.tensor(a), torch.tensor(w))
    with pytest.raises(Exception) as got:
        CT_ERRORS[case](F, engine.tensor(a), engine.tensor(w))
    assert type(got.value) is type(want.value)
    assert str(got.value) == str(want.value)


def test_conv_transpose_module_errors():
    with pytest.raises(ValueError, match='Only "zeros" padding mode is supported for '
                                         "ConvTranspose2d"):
        nn.ConvTranspose2d(3, 4, 3, padding_mode="reflect")
    with pytest.raises(ValueError, match="in_channels must be divisible by groups"):
        nn.ConvTranspose2d(3, 4, 3, groups=2)


# ---------------------------------------------------------------------------------------------
# Bilinear
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lead", [(3,), (2, 3), ()], ids=str)
@pytest.mark.parametrize("bias", [True, False])
def test_bilinear_matches_torch(lead, bias):
    torch = pytest.importorskip("torch")
    torch.manual_seed(5)
    engine.manual_seed(5)
    mt, me = torch.nn.Bilinear(4, 5, 6, bias=bias), nn.Bilinear(4, 5, 6, bias=bias)
    assert repr(me) == repr(mt)
    for pt, pe in zip(mt.parameters(), me.parameters()):
        np.testing.assert_array_equal(pe.detach().numpy(), pt.detach().numpy())
    a1, a2 = _arr(*lead, 4), _arr(*lead, 5)
    e1, e2 = engine.tensor(a1, requires_grad=True), engine.tensor(a2, requires_grad=True)
    t1, t2 = torch.tensor(a1, requires_grad=True), torch.tensor(a2, requires_grad=True)
    ye, yt = me(e1, e2), mt(t1, t2)
    if len(lead) < 2:  # torch's reshape of an expanded batch copies (UnsafeView of a Clone)
        assert _graph(ye.grad_fn) == _graph(yt.grad_fn)
    _close(ye, yt)
    g = _arr(*yt.shape)
    (ye * engine.tensor(g)).sum().backward()
    (yt * torch.tensor(g)).sum().backward()
    for e, t in ((e1, t1), (e2, t2), (me.weight, mt.weight)):
        _close(e.grad, t.grad)


def test_bilinear_gradcheck():
    x1, x2, w, b = _leaf(3, 4), _leaf(3, 2), _leaf(5, 4, 2), _leaf(5)
    assert gradcheck(F.bilinear, (x1, x2, w, b))
    assert gradgradcheck(F.bilinear, (x1, x2, w, b))


BILINEAR_ERRORS = [
    lambda F, t: F.bilinear(t(3, 4), t(3, 5, 1), t(6, 4, 5)),
    lambda F, t: F.bilinear(t(3, 4), t(2, 5), t(6, 4, 5)),
    lambda F, t: F.bilinear(t(3, 3), t(3, 5), t(6, 4, 5)),
    lambda F, t: F.bilinear(t(3, 4), t(3, 4), t(6, 4, 5)),
    lambda F, t: F.bilinear(t(3, 4), t(3, 5), t(6, 4, 5), t(5)),
    lambda F, t: F.bilinear(t(3, 4), t(3, 5), t(6, 4, 5).double()),
    lambda F, t: F.bilinear(t(3, 4), t(3, 5), t(6, 4, 5), t(6).double()),
]


@pytest.mark.parametrize("case", range(len(BILINEAR_ERRORS)))
def test_bilinear_errors_match_torch(case):
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError) as want:
        BILINEAR_ERRORS[case](torch.nn.functional, lambda *s: torch.tensor(_arr(*s)))
    with pytest.raises(RuntimeError) as got:
        BILINEAR_ERRORS[case](F, lambda *s: engine.tensor(_arr(*s)))
    assert str(got.value) == str(want.value)


def test_bilinear_zero_features():
    with pytest.raises(ValueError, match=r"in1_features must be > 0, but got \(in1_features=0\)"):
        nn.Bilinear(0, 4, 3)
