"""LayerNorm, Embedding, BatchNorm1d and the extra activations (selu, hardsigmoid, hardswish,
glu, threshold, tanhshrink): values, grad_fn names and gradients against PyTorch (float32,
weights copied across), gradcheck in float64, module reprs, BatchNorm1d running statistics."""
from __future__ import annotations

import numpy as np
import pytest

import engine
import engine.nn as nn
import engine.nn.functional as F
from engine.gradcheck import gradcheck

RNG = np.random.default_rng(1234)


def _arr(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def _pair(a, torch):
    """The same array as an engine and a torch leaf that require grad."""
    return (engine.tensor(a, requires_grad=True), torch.tensor(a, requires_grad=True))


def _close(e, t, rtol=1e-5, atol=1e-5):
    np.testing.assert_allclose(np.asarray(e.detach().numpy()), t.detach().numpy(),
                               rtol=rtol, atol=atol)


def _grad_name(t):
    return type(t.grad_fn).__name__


# ---------------------------------------------------------------------------------------------
# Functional ops against PyTorch
# ---------------------------------------------------------------------------------------------
ACTIVATIONS = [
    ("selu", lambda Fm, x: Fm.selu(x), "EluBackward0"),
    ("hardsigmoid", lambda Fm, x: Fm.hardsigmoid(x), "HardsigmoidBackward0"),
    ("hardswish", lambda Fm, x: Fm.hardswish(x), "HardswishBackward0"),
    ("glu", lambda Fm, x: Fm.glu(x), "GluBackward0"),
    ("glu_dim0", lambda Fm, x: Fm.glu(x, 0), "GluBackward0"),
    ("threshold", lambda Fm, x: Fm.threshold(x, 0.1, 2.0), "ThresholdBackward0"),
    ("tanhshrink", lambda Fm, x: Fm.tanhshrink(x), "SubBackward0"),
]


@pytest.mark.parametrize("name,fn,node", ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_activation_matches_torch(name, fn, node):
    torch = pytest.importorskip("torch")
    a = _arr(4, 6) * 3  # reaches every piece of hardsigmoid/hardswish
    xe, xt = _pair(a, torch)
    ye, yt = fn(F, xe), fn(torch.nn.functional, xt)
    assert _grad_name(ye) == _grad_name(yt) == node
    _close(ye, yt)
    w = _arr(*yt.shape)
    (ye * engine.tensor(w)).sum().backward()
    (yt * torch.tensor(w)).sum().backward()
    _close(xe.grad, xt.grad)


@pytest.mark.parametrize("name,fn,node", ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_activation_gradcheck(name, fn, node):
    a = _arr(4, 4, dtype=np.float64) * 2
    a[np.abs(np.abs(a) - 3) < 1e-2] += 0.1   # away from the kinks
    a[np.abs(a - 0.1) < 1e-2] += 0.1
    x = engine.tensor(a, requires_grad=True)
    assert gradcheck(lambda t: fn(F, t), (x,))


def test_glu_odd_dimension_raises():
    with pytest.raises(RuntimeError, match="Halving dimension must be even"):
        F.glu(engine.ones(2, 3))


@pytest.mark.parametrize("shape,norm", [((4, 5), (5,)), ((2, 3, 4), (3, 4)), ((6,), (6,))])
@pytest.mark.parametrize("affine", ["both", "weight", "none"])
def test_layer_norm_matches_torch(shape, norm, affine):
    torch = pytest.importorskip("torch")
    xe, xt = _pair(_arr(*shape) * 2 + 1, torch)
    we, wt = _pair(_arr(*norm), torch) if affine != "none" else (None, None)
    be, bt = _pair(_arr(*norm), torch) if affine == "both" else (None, None)
    ye = F.layer_norm(xe, norm, we, be, 1e-5)
    yt = torch.nn.functional.layer_norm(xt, norm, wt, bt, 1e-5)
    assert _grad_name(ye) == _grad_name(yt) == "NativeLayerNormBackward0"
    _close(ye, yt)
    g = _arr(*shape)
    (ye * engine.tensor(g)).sum().backward()
    (yt * torch.tensor(g)).sum().backward()
    _close(xe.grad, xt.grad, 1e-4, 1e-4)
    for e, t in ((we, wt), (be, bt)):
        if e is not None:
            _close(e.grad, t.grad, 1e-4, 1e-4)


def test_layer_norm_gradcheck_and_double_backward():
    x = engine.tensor(_arr(3, 4, dtype=np.float64), requires_grad=True)
    w = engine.tensor(_arr(4, dtype=np.float64), requires_grad=True)
    b = engine.tensor(_arr(4, dtype=np.float64), requires_grad=True)
    assert gradcheck(lambda x, w, b: F.layer_norm(x, (4,), w, b), (x, w, b))
    # the rule is made of Tensor ops: its own gradient checks too
    g = engine.tensor(_arr(3, 4, dtype=np.float64))

    def first(x, w):
        y = F.layer_norm(x, (4,), w, None)
        return engine.autograd.grad((y * g).sum(), (x, w), create_graph=True)[0]
    assert gradcheck(first, (x, w))


def test_layer_norm_shape_error():
    with pytest.raises(RuntimeError, match="normalized_shape"):
        F.layer_norm(engine.ones(2, 3), (4,))


def test_layer_norm_module_matches_torch():
    torch = pytest.importorskip("torch")
    m, mt = nn.LayerNorm((3, 4)), torch.nn.LayerNorm((3, 4))
    m.weight.data = engine.tensor(_arr(3, 4))
    m.bias.data = engine.tensor(_arr(3, 4))
    with torch.no_grad():
        mt.weight.copy_(torch.tensor(m.weight.detach().numpy()))
        mt.bias.copy_(torch.tensor(m.bias.detach().numpy()))
    a = _arr(2, 3, 4)
    ye, yt = m(engine.tensor(a)), mt(torch.tensor(a))
    _close(ye, yt)
    ye.square().sum().backward()
    yt.square().sum().backward()
    _close(m.weight.grad, mt.weight.grad, 1e-4, 1e-4)
    _close(m.bias.grad, mt.bias.grad, 1e-4, 1e-4)


def test_embedding_matches_torch():
    torch = pytest.importorskip("torch")
    we, wt = _pair(_arr(7, 3), torch)
    idx = np.array([[0, 2, 2], [6, 1, 2]])
    for pad in (None, 2, -1):
        we.grad = None
        wt.grad = None
        ye = F.embedding(engine.tensor(idx), we, padding_idx=pad)
        yt = torch.nn.functional.embedding(torch.tensor(idx), wt, padding_idx=pad)
        assert _grad_name(ye) == _grad_name(yt) == "EmbeddingBackward0"
        _close(ye, yt)
        g = _arr(2, 3, 3)
        (ye * engine.tensor(g)).sum().backward()
        (yt * torch.tensor(g)).sum().backward()
        _close(we.grad, wt.grad)


def test_embedding_gradcheck_and_errors():
    w = engine.tensor(_arr(5, 2, dtype=np.float64), requires_grad=True)
    idx = engine.tensor([[1, 1, 4], [0, 3, 1]])
    assert gradcheck(lambda w: F.embedding(idx, w), (w,))
    # (padding_idx zeroes its row's gradient on purpose, so gradcheck is for the plain case)
    with pytest.raises(IndexError, match="index out of range"):
        F.embedding(engine.tensor([5]), w)
    with pytest.raises(RuntimeError, match="'indices'"):
        F.embedding(engine.tensor([1.0]), w)


def test_embedding_double_backward_through_create_graph():
    w = engine.tensor(_arr(4, 2, dtype=np.float64), requires_grad=True)
    idx = engine.tensor([0, 3, 3])
    y = F.embedding(idx, w)
    (gw,) = engine.autograd.grad((y ** 3).sum(), (w,), create_graph=True)
    gw.sum().backward()
    expect = np.zeros((4, 2))
    for i in (0, 3, 3):
        expect[i] += 6 * w.detach().numpy()[i]
    np.testing.assert_allclose(w.grad.numpy(), expect)


def test_embedding_module_padding_row_is_zero_and_gets_no_gradient():
    m = nn.Embedding(6, 3, padding_idx=0)
    assert (m.weight.detach().numpy()[0] == 0).all()
    m(engine.tensor([0, 1, 0])).sum().backward()
    assert (m.weight.grad.numpy()[0] == 0).all()
    assert (m.weight.grad.numpy()[1] == 1).all()
    assert nn.Embedding(6, 3, padding_idx=-1).padding_idx == 5


@pytest.mark.parametrize("shape", [(5, 3), (4, 3, 2)])
@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_matches_torch(shape, training):
    torch = pytest.importorskip("torch")
    xe, xt = _pair(_arr(*shape) * 2 + 0.5, torch)
    we, wt = _pair(_arr(3), torch)
    be, bt = _pair(_arr(3), torch)
    rm, rv = _arr(3), np.abs(_arr(3)) + 0.5
    rme, rve = engine.tensor(rm), engine.tensor(rv)
    rmt, rvt = torch.tensor(rm), torch.tensor(rv)
    ye = F.batch_norm(xe, rme, rve, we, be, training, 0.2, 1e-5)
    yt = torch.nn.functional.batch_norm(xt, rmt, rvt, wt, bt, training, 0.2, 1e-5)
    assert _grad_name(ye) == _grad_name(yt) == "NativeBatchNormBackward0"
    _close(ye, yt, 1e-4, 1e-5)
    _close(rme, rmt)
    _close(rve, rvt)
    g = _arr(*shape)
    (ye * engine.tensor(g)).sum().backward()
    (yt * torch.tensor(g)).sum().backward()
    for e, t in ((xe, xt), (we, wt), (be, bt)):
        _close(e.grad, t.grad, 1e-4, 1e-4)


@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_gradcheck(training):
    x = engine.tensor(_arr(4, 3, 2, dtype=np.float64), requires_grad=True)
    w = engine.tensor(_arr(3, dtype=np.float64), requires_grad=True)
    b = engine.tensor(_arr(3, dtype=np.float64), requires_grad=True)
    rm, rv = engine.zeros(3, dtype=engine.float64), engine.ones(3, dtype=engine.float64) * 2
    assert gradcheck(lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), (x, w, b)) \
        if training else gradcheck(lambda x, w, b: F.batch_norm(x, rm, rv, w, b), (x, w, b))


def test_batch_norm_needs_more_than_one_value_per_channel():
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        nn.BatchNorm1d(3)(engine.ones(1, 3))
    with pytest.raises(ValueError, match="expected 2D or 3D input"):
        nn.BatchNorm1d(3)(engine.ones(3))


@pytest.mark.parametrize("momentum", [0.1, None])
def test_batchnorm1d_two_training_steps_then_eval_matches_torch(momentum):
    torch = pytest.importorskip("torch")
    m = nn.BatchNorm1d(3, momentum=momentum)
    mt = torch.nn.BatchNorm1d(3, momentum=momentum)
    m.weight.data = engine.tensor(_arr(3))
    m.bias.data = engine.tensor(_arr(3))
    with torch.no_grad():
        mt.weight.copy_(torch.tensor(m.weight.detach().numpy()))
        mt.bias.copy_(torch.tensor(m.bias.detach().numpy()))
    for _ in range(2):
        a = _arr(6, 3) * 3 + 1
        ye, yt = m(engine.tensor(a)), mt(torch.tensor(a))
        _close(ye, yt, 1e-4, 1e-5)
    _close(m.running_mean, mt.running_mean)
    _close(m.running_var, mt.running_var)
    assert int(m.num_batches_tracked.item()) == int(mt.num_batches_tracked) == 2
    m.eval()
    mt.eval()
    a = _arr(4, 3)
    xe, xt = _pair(a, torch)
    ye, yt = m(xe), mt(xt)
    _close(ye, yt, 1e-4, 1e-5)
    ye.sum().backward()
    yt.sum().backward()
    _close(xe.grad, xt.grad)
    _close(m.running_mean, mt.running_mean)  # eval leaves them alone


def test_batchnorm1d_running_stats_by_hand():
    m = nn.BatchNorm1d(2)
    x1 = np.array([[1.0, 2.0], [3.0, 6.0]], dtype=np.float32)
    x2 = np.array([[0.0, 0.0], [2.0, 4.0], [4.0, 2.0]], dtype=np.float32)
    m(engine.tensor(x1))
    m(engine.tensor(x2))
    rm = 0.9 * (0.9 * 0 + 0.1 * x1.mean(0)) + 0.1 * x2.mean(0)
    rv = 0.9 * (0.9 * 1 + 0.1 * x1.var(0, ddof=1)) + 0.1 * x2.var(0, ddof=1)
    np.testing.assert_allclose(m.running_mean.numpy(), rm, rtol=1e-6)
    np.testing.assert_allclose(m.running_var.numpy(), rv, rtol=1e-6)
    m.eval()
    y = m(engine.tensor(x2)).detach().numpy()
    np.testing.assert_allclose(y, (x2 - rm) / np.sqrt(rv + 1e-5), rtol=1e-5, atol=1e-6)
    assert set(m.state_dict()) == {"weight", "bias", "running_mean", "running_var",
                                   "num_batches_tracked"}


def test_activation_modules_match_functional():
    x = engine.tensor(_arr(2, 4) * 3)
    for mod, fn in ((nn.SELU(), F.selu), (nn.Hardsigmoid(), F.hardsigmoid),
                    (nn.Hardswish(), F.hardswish), (nn.GLU(), F.glu),
                    (nn.Tanhshrink(), F.tanhshrink)):
        np.testing.assert_array_equal(mod(x).numpy(), fn(x).numpy())
    np.testing.assert_array_equal(nn.Threshold(0.1, 2.0)(x).numpy(),
                                  F.threshold(x, 0.1, 2.0).numpy())


# ---------------------------------------------------------------------------------------------
# Reprs, as PyTorch 2.13 prints them
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("make,text", [
    (lambda: nn.LayerNorm(4), "LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)"),
    (lambda: nn.LayerNorm((3, 4), bias=False),
     "LayerNorm((3, 4), eps=1e-05, elementwise_affine=True, bias=False)"),
    (lambda: nn.LayerNorm(4, elementwise_affine=False),
     "LayerNorm((4,), eps=1e-05, elementwise_affine=False, bias=False)"),
    (lambda: nn.Embedding(10, 3), "Embedding(10, 3)"),
    (lambda: nn.Embedding(10, 3, padding_idx=0), "Embedding(10, 3, padding_idx=0)"),
    (lambda: nn.BatchNorm1d(3),
     "BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"),
    (lambda: nn.BatchNorm1d(3, momentum=None, affine=False),
     "BatchNorm1d(3, eps=1e-05, momentum=None, affine=False, bias=False, "
     "track_running_stats=True)"),
    (lambda: nn.SELU(), "SELU()"),
    (lambda: nn.SELU(inplace=True), "SELU(inplace=True)"),
    (lambda: nn.Hardsigmoid(inplace=True), "Hardsigmoid()"),
    (lambda: nn.Hardswish(), "Hardswish()"),
    (lambda: nn.GLU(), "GLU(dim=-1)"),
    (lambda: nn.Threshold(0.1, 2.0), "Threshold(threshold=0.1, value=2.0)"),
    (lambda: nn.Threshold(0.1, 2.0, inplace=True),
     "Threshold(threshold=0.1, value=2.0, inplace=True)"),
    (lambda: nn.Tanhshrink(), "Tanhshrink()"),
])
def test_module_repr(make, text):
    assert repr(make()) == text


def test_repr_inside_sequential():
    model = nn.Sequential(nn.Embedding(5, 4), nn.LayerNorm(4), nn.Linear(4, 2))
    assert repr(model) == (
        "Sequential(\n"
        "  (0): Embedding(5, 4)\n"
        "  (1): LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)\n"
        "  (2): Linear(in_features=4, out_features=2, bias=True)\n"
        ")")
