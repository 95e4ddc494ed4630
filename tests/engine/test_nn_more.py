"""F.pad's reflect/replicate/circular modes and the padding modules, Conv padding_mode,
Embedding.from_pretrained, pixel (un)shuffle, dropout1d/alpha_dropout, init.dirac_, Rprop and
ASGD: values, gradients, grad_fn names, reprs and errors against PyTorch, gradcheck in float64."""
from __future__ import annotations

import numpy as np
import pytest

import engine
import engine.nn as nn
import engine.nn.functional as F
from engine.gradcheck import gradcheck, gradgradcheck

RNG = np.random.default_rng(705)


def _arr(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def _grad_name(t):
    return type(t.grad_fn).__name__


def _error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the exception itself is what is compared
        return type(e).__name__, str(e)
    return None


# ---------------------------------------------------------------------------------------------
# F.pad
# ---------------------------------------------------------------------------------------------
PAD_CASES = [((2, 5), (2, 1)), ((1, 2, 6), (2, 3)), ((1, 2, 6), (-1, 2)),
             ((2, 4, 5), (1, 2, 3, 0)), ((1, 2, 4, 5), (1, 2, 3, 0)),
             ((1, 1, 3, 4, 5), (1, 2, 0, 2, 2, 1)), ((2, 3, 4, 5), (2, 2, 1, 1, 0, 1))]


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
@pytest.mark.parametrize("shape,pad", PAD_CASES)
def test_pad_modes_match_torch(mode, shape, pad):
    torch = pytest.importorskip("torch")
    a = _arr(*shape)
    t = torch.tensor(a, requires_grad=True)
    e = engine.tensor(a, requires_grad=True)
    ty, ey = torch.nn.functional.pad(t, pad, mode=mode), F.pad(e, pad, mode=mode)
    assert np.array_equal(ey.detach().numpy(), ty.detach().numpy())
    assert _grad_name(ey) == _grad_name(ty)
    w = _arr(*ty.shape)
    (ty * torch.tensor(w)).sum().backward()
    (ey * engine.tensor(w)).sum().backward()
    assert np.array_equal(e.grad.numpy(), t.grad.numpy())  # summed in torch's order


@pytest.mark.parametrize("mode", ["reflect", "replicate"])
def test_pad_double_backward_matches_torch(mode):
    torch = pytest.importorskip("torch")
    a = _arr(2, 3, 4)
    results = []
    for lib, x in ((torch, torch.tensor(a, requires_grad=True)),
                   (engine, engine.tensor(a, requires_grad=True))):
        y = lib.nn.functional.pad(x, (2, 1, 1, 2), mode=mode)
        (g,) = lib.autograd.grad((y ** 3).sum(), x, create_graph=True)
        (gg,) = lib.autograd.grad((g * g).sum(), x)
        results.append((_grad_name(g), g.detach().numpy(), gg.numpy()))
    (en, eg, egg), (tn, tg, tgg) = results[1], results[0]
    assert en == tn
    np.testing.assert_allclose(eg, tg, rtol=1e-6)
    np.testing.assert_allclose(egg, tgg, rtol=1e-5)


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
@pytest.mark.parametrize("shape,pad", [((2, 5), (2, 1)), ((1, 3, 4), (1, 2, 2, 0)),
                                       ((1, 1, 3, 3, 4), (1, 1, 2, 0, 1, 2))])
def test_pad_modes_gradcheck(mode, shape, pad):
    x = engine.tensor(_arr(*shape, dtype=np.float64), requires_grad=True)
    assert gradcheck(lambda t: F.pad(t, pad, mode=mode), (x,))
    assert gradgradcheck(lambda t: F.pad(t, pad, mode=mode), (x,))


PAD_ERRORS = [
    ((1, 2, 6), (6, 1), "reflect", None),
    ((12,), (1, 1), "reflect", None),
    ((12,), (1, 1), "replicate", None),
    ((1, 2, 6), (1,), "reflect", None),
    ((1, 2, 6), (7, 1), "circular", None),
    ((1, 2, 6), (1, 1), "wrap", None),
    ((1, 1, 1, 2, 6), (1, 1), "reflect", None),
    ((1, 2, 6), (1, 1, 1, 1, 1, 1), "replicate", None),
    ((1, 1, 2, 6), (1, 1, 2, 2), "reflect", None),
    ((1, 2, 3, 4), (1, 4, 2, 2), "reflect", None),
    ((1, 1, 2, 3, 4), (0, 0, 0, 0, 2, 0), "reflect", None),
    ((1, 1, 2, 3, 4), (0, 0, 3, 0, 0, 0), "reflect", None),
    ((4,), (-3, -2), "reflect", None),
    ((1, 4), (-3, -2), "circular", None),
    ((0, 4), (1, 1), "replicate", None),
    ((1, 4), (1, 1), "reflect", 1.0),
    ((1, 4), (1, 1), "reflect", 0.0),
]


@pytest.mark.parametrize("shape,pad,mode,value", PAD_ERRORS)
def test_pad_errors_match_torch(shape, pad, mode, value):
    torch = pytest.importorskip("torch")
    a = np.zeros(shape, dtype=np.float32)
    theirs = _error(lambda: torch.nn.functional.pad(torch.tensor(a), pad, mode=mode, value=value))
    mine = _error(lambda: F.pad(engine.tensor(a), pad, mode=mode, value=value))
    assert mine == theirs


def test_pad_keeps_integer_dtypes():
    x = engine.arange(6).reshape(1, 6)
    assert F.pad(x, (2, 1), mode="reflect").tolist() == [[2, 1, 0, 1, 2, 3, 4, 5, 4]]
    assert F.pad(x, (2, 1), mode="replicate").tolist() == [[0, 0, 0, 1, 2, 3, 4, 5, 5]]
    assert F.pad(x, (2, 1), mode="circular").tolist() == [[4, 5, 0, 1, 2, 3, 4, 5, 0]]


# ---------------------------------------------------------------------------------------------
# Padding modules
# ---------------------------------------------------------------------------------------------
PAD_MODULES = [("ZeroPad1d", (2,)), ("ZeroPad2d", ((1, 2, 3, 4),)), ("ZeroPad2d", (1,)),
               ("ZeroPad3d", (1,)), ("ConstantPad1d", (2, 3.5)),
               ("ConstantPad2d", ((1, 0, 2, 0), 1)), ("ConstantPad3d", (1, 0.0)),
               ("ReflectionPad1d", ((1, 2),)), ("ReflectionPad2d", (1,)),
               ("ReflectionPad3d", (1,)), ("ReplicationPad1d", (3,)),
               ("ReplicationPad2d", ((1, 1, 2, 0),)), ("ReplicationPad3d", (1,)),
               ("CircularPad1d", (1,)), ("CircularPad2d", (2,)), ("CircularPad3d", (1,))]


@pytest.mark.parametrize("name,args", PAD_MODULES)
def test_padding_modules_match_torch(name, args):
    torch = pytest.importorskip("torch")
    mine, theirs = getattr(nn, name)(*args), getattr(torch.nn, name)(*args)
    assert repr(mine) == repr(theirs)
    assert mine.padding == theirs.padding
    dims = int(name[-2])
    a = _arr(*(2, 3, 4, 5, 4)[: dims + 2])
    y, ty = mine(engine.tensor(a)), theirs(torch.tensor(a))
    assert np.array_equal(y.numpy(), ty.numpy())


def test_padding_modules_print_torchs_class_path():
    from engine.torch_alias import _torch_module_name

    assert _torch_module_name(nn.ReflectionPad2d) == "torch.nn.modules.padding"
    assert _torch_module_name(nn.PixelShuffle) == "torch.nn.modules.pixelshuffle"
    assert _torch_module_name(nn.Dropout1d) == "torch.nn.modules.dropout"
    assert _torch_module_name(nn.AlphaDropout) == "torch.nn.modules.dropout"
    assert _torch_module_name(engine.optim.Rprop) == "torch.optim.rprop"
    assert _torch_module_name(engine.optim.ASGD) == "torch.optim.asgd"


# ---------------------------------------------------------------------------------------------
# Conv padding_mode
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
@pytest.mark.parametrize("dims,padding", [(1, 2), (2, 1), (2, (1, 2)), (2, "same"), (1, "valid")])
def test_conv_padding_modes_match_torch(mode, dims, padding):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    engine.manual_seed(0)
    theirs = getattr(torch.nn, f"Conv{dims}d")(2, 3, 3, padding=padding, padding_mode=mode)
    mine = getattr(nn, f"Conv{dims}d")(2, 3, 3, padding=padding, padding_mode=mode)
    assert repr(mine) == repr(theirs)
    assert mine._reversed_padding_repeated_twice == theirs._reversed_padding_repeated_twice
    assert np.array_equal(mine.weight.detach().numpy(), theirs.weight.detach().numpy())
    a = _arr(2, 2, *(6,) * dims)
    tx, ex = torch.tensor(a, requires_grad=True), engine.tensor(a, requires_grad=True)
    ty, ey = theirs(tx), mine(ex)
    ty.square().sum().backward()
    ey.square().sum().backward()
    np.testing.assert_allclose(ey.detach().numpy(), ty.detach().numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ex.grad.numpy(), tx.grad.numpy(), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(mine.weight.grad.numpy(), theirs.weight.grad.numpy(), rtol=1e-5,
                               atol=1e-4)


def test_conv_padding_mode_gradcheck():
    conv = nn.Conv2d(2, 2, 3, padding=1, padding_mode="reflect", dtype=engine.float64)
    x = engine.tensor(_arr(1, 2, 4, 4, dtype=np.float64), requires_grad=True)
    assert gradcheck(conv, (x,))


# ---------------------------------------------------------------------------------------------
# Embedding.from_pretrained
# ---------------------------------------------------------------------------------------------
def test_embedding_from_pretrained_matches_torch():
    torch = pytest.importorskip("torch")
    outputs = []
    for lib in (engine, torch):
        w = lib.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
        frozen = lib.nn.Embedding.from_pretrained(w)
        tuned = lib.nn.Embedding.from_pretrained(w, freeze=False, padding_idx=1)
        y = tuned(lib.tensor([1, 2, 2]))
        y.sum().backward()
        w[0, 0] = 100.0  # the weight is the given tensor itself
        outputs.append((repr(frozen), repr(tuned), frozen.weight.requires_grad,
                        tuned.weight.requires_grad, frozen(lib.tensor([0, 2])).tolist(),
                        tuned.weight.grad.tolist(), _grad_name(y),
                        _error(lambda: lib.nn.Embedding.from_pretrained(lib.ones(3)))))
    assert outputs[0] == outputs[1]


# ---------------------------------------------------------------------------------------------
# Pixel shuffle
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape,r", [((1, 8, 2, 3), 2), ((9, 2, 2), 3), ((2, 1, 4, 3, 2), 2)])
def test_pixel_shuffle_matches_torch(shape, r):
    torch = pytest.importorskip("torch")
    a = _arr(*shape)
    t, e = torch.tensor(a, requires_grad=True), engine.tensor(a, requires_grad=True)
    ty, ey = torch.nn.PixelShuffle(r)(t), nn.PixelShuffle(r)(e)
    assert np.array_equal(ey.detach().numpy(), ty.detach().numpy())
    assert _grad_name(ey) == _grad_name(ty)
    tu, eu = torch.nn.PixelUnshuffle(r)(ty), nn.PixelUnshuffle(r)(ey)
    assert np.array_equal(eu.detach().numpy(), a) and _grad_name(eu) == _grad_name(tu)
    w = _arr(*ty.shape)
    (ty * torch.tensor(w)).sum().backward()
    (ey * engine.tensor(w)).sum().backward()
    assert np.array_equal(e.grad.numpy(), t.grad.numpy())
    assert repr(nn.PixelShuffle(r)) == repr(torch.nn.PixelShuffle(r))
    assert repr(nn.PixelUnshuffle(r)) == repr(torch.nn.PixelUnshuffle(r))


def test_pixel_shuffle_gradcheck():
    x = engine.tensor(_arr(1, 4, 2, 3, dtype=np.float64), requires_grad=True)
    assert gradcheck(lambda t: F.pixel_shuffle(t, 2), (x,))
    assert gradgradcheck(lambda t: F.pixel_shuffle(t, 2), (x,))
    y = engine.tensor(_arr(2, 4, 6, dtype=np.float64), requires_grad=True)
    assert gradcheck(lambda t: F.pixel_unshuffle(t, 2), (y,))


@pytest.mark.parametrize("fn,shape,r", [("pixel_shuffle", (1, 4, 2, 2), 3),
                                        ("pixel_shuffle", (2, 2), 2),
                                        ("pixel_shuffle", (1, 4, 2, 2), 0),
                                        ("pixel_unshuffle", (1, 4, 2, 2), 3),
                                        ("pixel_unshuffle", (1, 4, 4, 3), 2),
                                        ("pixel_unshuffle", (2, 2), 2)])
def test_pixel_shuffle_errors_match_torch(fn, shape, r):
    torch = pytest.importorskip("torch")
    a = np.zeros(shape, dtype=np.float32)
    assert (_error(lambda: getattr(F, fn)(engine.tensor(a), r))
            == _error(lambda: getattr(torch.nn.functional, fn)(torch.tensor(a), r)))


# ---------------------------------------------------------------------------------------------
# Dropout1d, AlphaDropout
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda lib, x: lib.nn.functional.dropout1d(x, 0.5),
    lambda lib, x: lib.nn.functional.dropout1d(x[0], 0.3),
    lambda lib, x: lib.nn.functional.dropout1d(x, 1.0),
    lambda lib, x: lib.nn.functional.alpha_dropout(x, 0.3, True),
    lambda lib, x: lib.nn.functional.alpha_dropout(x.double(), 0.4, True),
    lambda lib, x: lib.nn.functional.alpha_dropout(x, 1.0, True),
    lambda lib, x: lib.nn.Dropout1d(0.2)(x),
    lambda lib, x: lib.nn.AlphaDropout(0.1)(x),
])
def test_channel_and_alpha_dropout_match_torch_after_manual_seed(call):
    torch = pytest.importorskip("torch")
    a = _arr(4, 5, 6)
    results = []
    for lib in (engine, torch):
        lib.manual_seed(3)
        x = lib.tensor(a, requires_grad=True)
        y = call(lib, x)
        y.square().sum().backward()
        results.append((y.detach().numpy(), x.grad.numpy(), _grad_name(y)))
    (ey, eg, en), (ty, tg, tn) = results
    assert en == tn
    np.testing.assert_array_equal(ey, ty)
    np.testing.assert_allclose(eg, tg, rtol=1e-6, atol=1e-7)


def test_dropout_variants_reprs_eval_and_errors_match_torch():
    torch = pytest.importorskip("torch")
    for name, args in (("Dropout1d", ()), ("Dropout1d", (0.3,)), ("AlphaDropout", (0.2, True))):
        assert repr(getattr(nn, name)(*args)) == repr(getattr(torch.nn, name)(*args))
    x = engine.ones(2, 3, 4)
    assert F.alpha_dropout(x, 0.5) is x  # training defaults to False in the functional form
    d = nn.AlphaDropout(0.5)
    d.eval()
    assert d(x) is x
    for fn in (lambda lib: lib.nn.functional.dropout1d(lib.ones(3), 0.5),
               lambda lib: lib.nn.functional.alpha_dropout(lib.ones(3), 1.5),
               lambda lib: lib.nn.Dropout1d(-0.1)):
        assert _error(lambda: fn(engine)) == _error(lambda: fn(torch))


# ---------------------------------------------------------------------------------------------
# init.dirac_, init.eye_
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape,groups", [((4, 2, 3), 1), ((6, 6, 3, 3), 3), ((2, 4, 3, 3, 3), 1),
                                          ((6, 2, 2, 2), 2)])
def test_dirac_matches_torch(shape, groups):
    torch = pytest.importorskip("torch")
    mine = nn.init.dirac_(engine.empty(shape), groups)
    theirs = torch.nn.init.dirac_(torch.empty(shape), groups)
    assert np.array_equal(mine.numpy(), theirs.numpy())


def test_dirac_conv_is_identity_and_errors():
    conv = nn.Conv2d(3, 3, 3, padding=1, bias=False)
    nn.init.dirac_(conv.weight)
    x = engine.randn(1, 3, 4, 4)
    assert np.allclose(conv(x).detach().numpy(), x.numpy())
    with pytest.raises(ValueError, match="Only tensors with 3, 4, or 5 dimensions are supported"):
        nn.init.dirac_(engine.empty(2, 2))
    with pytest.raises(ValueError, match="dim 0 must be divisible by groups"):
        nn.init.dirac_(engine.empty(5, 2, 3), 2)
    assert nn.init.eye_(engine.empty(2, 3)).tolist() == [[1, 0, 0], [0, 1, 0]]


# ---------------------------------------------------------------------------------------------
# Rprop, ASGD
# ---------------------------------------------------------------------------------------------
OPTIMIZERS = [("Rprop", {}), ("Rprop", dict(lr=0.05, etas=(0.3, 1.5), step_sizes=(1e-3, 0.1))),
              ("Rprop", dict(maximize=True)), ("ASGD", {}),
              ("ASGD", dict(lr=0.1, t0=5, lambd=0.01, weight_decay=0.1)),
              ("ASGD", dict(lr=0.05, t0=0, alpha=0.5, maximize=True))]


def _iterates(lib, name, kwargs, dtype):
    """30 steps on grads computed outside autograd (w - target + noise, identical bits in both
    libraries), so the optimizer's arithmetic alone is compared; the signs flip now and then."""
    rng = np.random.default_rng(0)
    target = rng.standard_normal((4, 3)).astype(dtype)
    w = lib.tensor(rng.standard_normal((4, 3)).astype(dtype), requires_grad=True)
    opt = getattr(lib.optim, name)([w], **kwargs)
    path = []
    for _ in range(30):
        noise = (0.3 * rng.standard_normal((4, 3))).astype(dtype)
        w.grad = lib.tensor(w.detach().numpy() - target + noise)
        opt.step()
        path.append(w.detach().numpy().copy())
    state = {k: np.asarray(v.numpy()) for k, v in opt.state[w].items()}
    return np.array(path), state, repr(opt)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,kwargs", OPTIMIZERS)
def test_rprop_and_asgd_iterates_match_torch(name, kwargs, dtype):
    """Bit for bit in float32; in float64 torch fuses ASGD's add_(grad, alpha=-eta) into an FMA
    that numpy cannot replay, so ASGD's float64 iterates agree to the last ulp or so."""
    torch = pytest.importorskip("torch")
    (mine, my_state, my_repr), (theirs, their_state, their_repr) = (
        _iterates(engine, name, kwargs, dtype), _iterates(torch, name, kwargs, dtype))
    exact = dtype == np.float32 or name == "Rprop"
    check = np.testing.assert_array_equal if exact else (
        lambda a, b, err_msg="": np.testing.assert_allclose(a, b, rtol=1e-14, err_msg=err_msg))
    check(mine, theirs)
    assert my_repr == their_repr
    assert list(my_state) == list(their_state)
    for key, value in their_state.items():
        assert my_state[key].dtype == value.dtype, key
        check(my_state[key], value, err_msg=key)


def test_rprop_and_asgd_errors_match_torch():
    torch = pytest.importorskip("torch")
    for name, kwargs in (("Rprop", dict(lr=-1)), ("Rprop", dict(etas=(1.5, 1.2))),
                         ("ASGD", dict(lr=-0.1)), ("ASGD", dict(weight_decay=-1))):
        mine = _error(lambda: getattr(engine.optim, name)([engine.zeros(2, requires_grad=True)],
                                                          **kwargs))
        theirs = _error(lambda: getattr(torch.optim, name)([torch.zeros(2, requires_grad=True)],
                                                           **kwargs))
        assert mine == theirs


def test_rprop_minimises_a_quadratic():
    w = engine.tensor([3.0, -2.0], requires_grad=True)
    opt = engine.optim.Rprop([w], lr=0.1)
    for _ in range(100):
        opt.zero_grad()
        ((w - engine.tensor([1.0, 1.0])) ** 2).sum().backward()
        opt.step()
    np.testing.assert_allclose(w.detach().numpy(), [1.0, 1.0], atol=1e-3)
