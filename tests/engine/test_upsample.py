"""F.interpolate (nearest, nearest-exact, linear, bilinear, area) and the Upsample modules:
values bit for bit against PyTorch in float32 and float64 (both bilinear kernels, vectorised and
scalar channels, on one and two threads), gradients and grad_fn names against torch.autograd,
gradcheck / gradgradcheck in float64, module reprs and PyTorch's error messages."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine
import engine.nn as nn
import engine.nn.functional as F
from engine.gradcheck import gradcheck, gradgradcheck

RNG = np.random.default_rng(2468)


def _arr(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def _grad_name(t):
    return type(t.grad_fn).__name__


@pytest.fixture(params=[1, 2], ids=["1thread", "2threads"])
def same_threads(request):
    """torch and the engine on the same thread count: with one thread torch sends 3-channel
    images with large outputs to its channels-last bilinear kernel."""
    torch = pytest.importorskip("torch")
    saved = torch.get_num_threads(), engine.get_num_threads()
    torch.set_num_threads(request.param)
    engine.set_num_threads(request.param)
    yield
    torch.set_num_threads(saved[0])
    engine.set_num_threads(saved[1])


SHAPES_2D = [(1, 1, 3, 3), (2, 3, 4, 5), (1, 8, 5, 3), (2, 11, 2, 9)]
ARGS_2D = [
    {"scale_factor": 2}, {"scale_factor": 1.7}, {"scale_factor": (0.6, 2.5)},
    {"scale_factor": 1.3, "recompute_scale_factor": True}, {"size": (7, 9)}, {"size": 4},
    {"size": (3, 3)}, {"size": (70, 65)},  # the last goes through ATen's generic kernel
]
MODES_2D = [("nearest", None), ("nearest-exact", None), ("bilinear", False), ("bilinear", True)]


@pytest.mark.parametrize("shape", SHAPES_2D, ids=str)
@pytest.mark.parametrize("kw", ARGS_2D, ids=str)
@pytest.mark.parametrize("mode,align", MODES_2D, ids=str)
def test_interpolate_2d_bitwise_float32(shape, kw, mode, align, same_threads):
    torch = pytest.importorskip("torch")
    a = _arr(*shape)
    want = torch.nn.functional.interpolate(torch.tensor(a), mode=mode, align_corners=align, **kw)
    got = F.interpolate(engine.tensor(a), mode=mode, align_corners=align, **kw)
    assert tuple(got.shape) == tuple(want.shape)
    np.testing.assert_array_equal(got.numpy(), want.numpy())


@pytest.mark.parametrize("length", [3, 5, 8])
@pytest.mark.parametrize("kw", [{"size": 6}, {"size": 13}, {"size": 2}, {"scale_factor": 2},
                                {"scale_factor": 1.7}, {"scale_factor": 0.6}, {"size": 200}],
                         ids=str)
@pytest.mark.parametrize("mode,align", [("nearest", None), ("nearest-exact", None),
                                        ("linear", False), ("linear", True)], ids=str)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
def test_interpolate_1d_bitwise(length, kw, mode, align, dtype):
    torch = pytest.importorskip("torch")
    a = _arr(2, 3, length, dtype=dtype)
    want = torch.nn.functional.interpolate(torch.tensor(a), mode=mode, align_corners=align, **kw)
    got = F.interpolate(engine.tensor(a), mode=mode, align_corners=align, **kw)
    np.testing.assert_array_equal(got.numpy(), want.numpy())


@pytest.mark.parametrize("shape", [(2, 3, 3, 3), (1, 5, 4, 5), (2, 9, 2, 9)], ids=str)
@pytest.mark.parametrize("kw", ARGS_2D, ids=str)
@pytest.mark.parametrize("mode,align", MODES_2D, ids=str)
def test_interpolate_2d_bitwise_float64(shape, kw, mode, align, same_threads):
    torch = pytest.importorskip("torch")
    a = _arr(*shape, dtype=np.float64)
    want = torch.nn.functional.interpolate(torch.tensor(a), mode=mode, align_corners=align, **kw)
    got = F.interpolate(engine.tensor(a), mode=mode, align_corners=align, **kw)
    np.testing.assert_array_equal(got.numpy(), want.numpy())


CASES_GRAD = [
    ((2, 3, 5), {"scale_factor": 2}, "nearest", None, "UpsampleNearest1DBackward0"),
    ((2, 3, 5), {"size": 7}, "nearest", None, "UpsampleNearest1DBackward0"),
    ((2, 3, 5), {"scale_factor": 1.7}, "nearest-exact", None, "UpsampleNearestExact1DBackward0"),
    ((2, 3, 4, 3), {"size": (3, 7)}, "nearest-exact", None, "UpsampleNearestExact2DBackward0"),
    ((2, 3, 5), {"size": 8}, "linear", False, "UpsampleLinear1DBackward0"),
    ((2, 3, 5), {"scale_factor": 0.7}, "linear", True, "UpsampleLinear1DBackward0"),
    ((2, 3, 4, 3), {"scale_factor": 2}, "nearest", None, "UpsampleNearest2DBackward0"),
    ((2, 3, 4, 3), {"size": (5, 7)}, "nearest", None, "UpsampleNearest2DBackward0"),
    ((2, 3, 4, 3), {"size": (5, 7)}, "bilinear", False, "UpsampleBilinear2DBackward0"),
    ((2, 3, 4, 3), {"scale_factor": 1.5}, "bilinear", True, "UpsampleBilinear2DBackward0"),
    ((1, 2, 6, 5), {"size": (3, 2)}, "bilinear", False, "UpsampleBilinear2DBackward0"),
]
GRAD_IDS = [str(c[1:4]) for c in CASES_GRAD]


@pytest.mark.parametrize("shape,kw,mode,align,node", CASES_GRAD, ids=GRAD_IDS)
def test_interpolate_grad_matches_torch(shape, kw, mode, align, node):
    torch = pytest.importorskip("torch")
    a = _arr(*shape)
    xe, xt = engine.tensor(a, requires_grad=True), torch.tensor(a, requires_grad=True)
    ye = F.interpolate(xe, mode=mode, align_corners=align, **kw)
    yt = torch.nn.functional.interpolate(xt, mode=mode, align_corners=align, **kw)
    assert _grad_name(ye) == _grad_name(yt) == node
    w = _arr(*yt.shape)
    (ye * engine.tensor(w)).sum().backward()
    (yt * torch.tensor(w)).sum().backward()
    np.testing.assert_allclose(xe.grad.numpy(), xt.grad.numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("shape,kw,mode,align,node", CASES_GRAD, ids=GRAD_IDS)
def test_interpolate_gradcheck(shape, kw, mode, align, node):
    x = engine.tensor(_arr(*shape, dtype=np.float64), requires_grad=True)
    fn = lambda t: F.interpolate(t, mode=mode, align_corners=align, **kw)  # noqa: E731
    assert gradcheck(fn, (x,))
    assert gradgradcheck(fn, (x,))


def test_interpolate_area_is_adaptive_avg_pool():
    torch = pytest.importorskip("torch")
    a = _arr(1, 2, 6, 6)
    for kw in ({"size": (4, 3)}, {"scale_factor": 0.5}):
        want = torch.nn.functional.interpolate(torch.tensor(a), mode="area", **kw)
        got = F.interpolate(engine.tensor(a), mode="area", **kw)
        np.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-6, atol=1e-7)


def test_nearest_uint8_and_empty_batch():
    torch = pytest.importorskip("torch")
    a = RNG.integers(0, 255, (1, 2, 3, 3)).astype(np.uint8)
    want = torch.nn.functional.interpolate(torch.tensor(a), scale_factor=1.5)
    got = F.interpolate(engine.tensor(a), scale_factor=1.5)
    assert got.dtype == engine.uint8
    np.testing.assert_array_equal(got.numpy(), want.numpy())
    assert tuple(F.interpolate(engine.zeros(0, 2, 3, 3), size=4).shape) == (0, 2, 4, 4)


def test_default_align_corners_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.interpolate(engine.ones(1, 1, 2, 2), scale_factor=2, mode="bilinear")
        nn.Upsample(scale_factor=2, mode="bilinear")(engine.ones(1, 1, 2, 2))


def test_deprecated_upsample_functions_warn():
    torch = pytest.importorskip("torch")
    a = _arr(1, 2, 3, 3)
    for name in ("upsample", "upsample_nearest", "upsample_bilinear"):
        with pytest.warns(UserWarning, match=f"`nn.functional.{name}` is deprecated"):
            got = getattr(F, name)(engine.tensor(a), scale_factor=2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            want = getattr(torch.nn.functional, name)(torch.tensor(a), scale_factor=2)
        np.testing.assert_array_equal(got.numpy(), want.numpy())


# ---------------------------------------------------------------------------------------------
# Modules
# ---------------------------------------------------------------------------------------------
MODULES = [
    lambda m: m.Upsample(scale_factor=2),
    lambda m: m.Upsample(size=(3, 4), mode="bilinear"),
    lambda m: m.Upsample(scale_factor=(2, 3)),
    lambda m: m.Upsample(size=5, mode="bilinear", align_corners=True),
    lambda m: m.UpsamplingNearest2d(scale_factor=2),
    lambda m: m.UpsamplingBilinear2d(size=4),
    lambda m: m.UpsamplingBilinear2d(scale_factor=1.5),
    lambda m: m.Upsample(scale_factor=1.5, mode="nearest-exact"),
]


@pytest.mark.parametrize("make", MODULES)
def test_upsample_modules_match_torch(make):
    torch = pytest.importorskip("torch")
    me, mt = make(nn), make(torch.nn)
    assert repr(me) == repr(mt)
    a = _arr(2, 3, 3, 4)
    np.testing.assert_array_equal(me(engine.tensor(a)).numpy(), mt(torch.tensor(a)).numpy())


def test_upsample_module_1d_linear():
    torch = pytest.importorskip("torch")
    a = _arr(2, 3, 5)
    me = nn.Upsample(scale_factor=3, mode="linear")
    mt = torch.nn.Upsample(scale_factor=3, mode="linear")
    assert repr(me) == repr(mt) == "Upsample(scale_factor=3.0, mode='linear')"
    np.testing.assert_array_equal(me(engine.tensor(a)).numpy(), mt(torch.tensor(a)).numpy())


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------
ERRORS = [
    lambda Fm, x4, x3, x2: Fm.interpolate(x4),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4, size=4, scale_factor=2),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4, size=4, align_corners=True),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4, size=4, mode="linear"),
    lambda Fm, x4, x3, x2: Fm.interpolate(x3, size=4, mode="bilinear"),
    lambda Fm, x4, x3, x2: Fm.interpolate(x2, size=4),
    lambda Fm, x4, x3, x2: Fm.interpolate(x2, size=4, mode="bilinear"),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4, size=(4, 5, 6)),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4, scale_factor=(2, 3, 4)),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4, size=(4.0, 3)),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4, size=4, recompute_scale_factor=True),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4, size=4, mode="bogus"),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4, scale_factor=0.1),
    lambda Fm, x4, x3, x2: Fm.interpolate(x3, scale_factor=0.1),
    lambda Fm, x4, x3, x2: Fm.interpolate(x3, size=3, mode="linear", antialias=True),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4[:, :0], size=4),
    lambda Fm, x4, x3, x2: Fm.interpolate(x3[:, :0], size=4),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4.long(), scale_factor=2),
    lambda Fm, x4, x3, x2: Fm.interpolate(x4.long(), scale_factor=2, mode="bilinear"),
    lambda Fm, x4, x3, x2: Fm.interpolate(x3.long(), scale_factor=2, mode="linear"),
    lambda Fm, x4, x3, x2: Fm.interpolate(x3 > 0, scale_factor=2),
]


@pytest.mark.parametrize("case", range(len(ERRORS)))
def test_interpolate_errors_match_torch(case):
    torch = pytest.importorskip("torch")
    a4, a3, a2 = _arr(1, 2, 3, 3), _arr(1, 2, 5), _arr(2, 5)
    fn = ERRORS[case]
    with pytest.raises(Exception) as want:
        fn(torch.nn.functional, torch.tensor(a4), torch.tensor(a3), torch.tensor(a2))
    with pytest.raises(Exception) as got:
        fn(F, engine.tensor(a4), engine.tensor(a3), engine.tensor(a2))
    assert type(got.value) is type(want.value)
    assert str(got.value) == str(want.value)


def test_upsample_module_errors():
    with pytest.raises(ValueError, match="either size or scale_factor should be defined"):
        nn.Upsample()(engine.ones(1, 1, 2, 2))
    with pytest.raises(ValueError, match="align_corners option can only be set"):
        nn.Upsample(scale_factor=2, align_corners=False)(engine.ones(1, 1, 2, 2))
