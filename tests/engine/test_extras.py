"""Elementwise extras (inverse hyperbolics, exp2, erfc, sinc, hypot, logaddexp, xlogy, copysign,
heaviside, fmax/fmin, float_power, addcmul/addcdiv), products (cross, vdot, addmv, addr,
addbmm, baddbmm, matrix_power, cov, corrcoef, take_along_dim, broadcasting helpers, isin,
iinfo, range, unique_consecutive, argwhere) and small nn pieces (ParameterDict, Unflatten,
distances, shrink activations, in-place activations, GroupNorm, RMSNorm, InstanceNorm, margin
and likelihood losses, scaled_dot_product_attention, MultiheadAttention): values and grad_fn
names against PyTorch (float32 and float64; attention modules with weights copied across),
gradcheck in float64, PyTorch's error messages, module reprs."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine
import engine.nn as nn
import engine.nn.functional as F
from engine.gradcheck import gradcheck

RNG = np.random.default_rng(4321)


def _arr(*shape, dtype=np.float32, low=None, high=None):
    if low is not None:
        return RNG.uniform(low, high, shape).astype(dtype)
    return RNG.standard_normal(shape).astype(dtype)


def _name(t) -> str:
    return type(t.grad_fn).__name__


def _close(e, t, rtol=1e-6, atol=1e-6):
    np.testing.assert_allclose(np.asarray(e.detach().numpy()), t.detach().numpy(),
                               rtol=rtol, atol=atol)


# float32: within an ulp or two of torch's vectorised (SLEEF) functions
_TOLERANCES = {np.float32: (1e-6, 1e-7), np.float64: (1e-14, 1e-15)}


def _leaf(a, dtype=np.float64):
    return engine.tensor(np.asarray(a, dtype=dtype), requires_grad=True)


# ---------------------------------------------------------------------------------------------
# Elementwise
# ---------------------------------------------------------------------------------------------
UNARY = [  # name, input range, grad_fn
    ("acosh", (1.1, 5.0), "AcoshBackward0"),
    ("asinh", (-3.0, 3.0), "AsinhBackward0"),
    ("atanh", (-0.9, 0.9), "AtanhBackward0"),
    ("exp2", (-3.0, 3.0), "Exp2Backward0"),
    ("erfc", (-2.0, 2.0), "ErfcBackward0"),
    ("deg2rad", (-180.0, 180.0), "Deg2RadBackward0"),
    ("rad2deg", (-3.0, 3.0), "Rad2DegBackward0"),
    ("sinc", (-3.0, 3.0), "SincBackward0"),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,rng,node", UNARY, ids=[u[0] for u in UNARY])
def test_unary_matches_torch(name, rng, node, dtype):
    torch = pytest.importorskip("torch")
    a = _arr(64, dtype=dtype, low=rng[0], high=rng[1])
    e = getattr(engine, name)(engine.tensor(a, requires_grad=True))
    t = getattr(torch, name)(torch.tensor(a, requires_grad=True))
    _close(e, t, *_TOLERANCES[dtype])
    assert e.dtype == engine.float32 if dtype == np.float32 else e.dtype == engine.float64
    assert _name(e) == node == _name(t)


@pytest.mark.parametrize("name,rng,node", UNARY, ids=[u[0] for u in UNARY])
def test_unary_gradcheck_and_methods(name, rng, node):
    x = _leaf(_arr(6, low=rng[0], high=rng[1], dtype=np.float64))
    assert gradcheck(getattr(engine, name), (x,))
    # method and in-place method
    y = x.detach().clone()
    np.testing.assert_array_equal(getattr(y, name)().numpy(), getattr(engine, name)(y).numpy())
    z = getattr(y.clone(), name + "_")()
    np.testing.assert_array_equal(z.numpy(), getattr(engine, name)(y).numpy())


def test_inverse_hyperbolic_aliases_and_domain():
    x = engine.tensor([0.5, 2.0])
    assert engine.arccosh is engine.acosh and engine.arcsinh is engine.asinh
    assert engine.arctanh is engine.atanh and x.arctanh().isnan().tolist() == [False, True]
    assert engine.acosh(engine.tensor([0.5])).isnan().item()
    assert engine.atanh(engine.tensor([1.0])).item() == float("inf")
    assert engine.exp2(engine.tensor([3])).tolist() == [8.0]  # integers compute in float


def test_sinc_at_zero_and_grad():
    x = _leaf([0.0, 0.5])
    y = engine.sinc(x)
    y.sum().backward()
    assert y.detach().tolist()[0] == 1.0 and x.grad.tolist()[0] == 0.0


BINARY = [  # name, second operand range, grad_fn
    ("hypot", (-3.0, 3.0), "HypotBackward0"),
    ("logaddexp", (-3.0, 3.0), "LogaddexpBackward0"),
    ("logaddexp2", (-3.0, 3.0), "Logaddexp2Backward0"),
    ("xlogy", (0.1, 3.0), "XlogyBackward0"),
    ("copysign", (-3.0, 3.0), "CopysignBackward0"),
    ("fmax", (-3.0, 3.0), "FmaxBackward0"),
    ("fmin", (-3.0, 3.0), "FminBackward0"),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,rng,node", BINARY, ids=[b[0] for b in BINARY])
def test_binary_matches_torch(name, rng, node, dtype):
    torch = pytest.importorskip("torch")
    a = _arr(4, 8, dtype=dtype)
    b = _arr(8, dtype=dtype, low=rng[0], high=rng[1])  # broadcast along the first dim
    ea, eb = engine.tensor(a, requires_grad=True), engine.tensor(b, requires_grad=True)
    ta, tb = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
    e, t = getattr(engine, name)(ea, eb), getattr(torch, name)(ta, tb)
    _close(e, t, *_TOLERANCES[dtype])
    assert _name(e) == node == _name(t)
    (e * e).sum().backward()
    (t * t).sum().backward()
    _close(ea.grad, ta.grad, rtol=1e-5, atol=1e-6)
    _close(eb.grad, tb.grad, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name,rng,node", BINARY, ids=[b[0] for b in BINARY])
def test_binary_gradcheck(name, rng, node):
    a = _leaf(_arr(2, 3, dtype=np.float64))
    b = _leaf(_arr(3, dtype=np.float64, low=rng[0], high=rng[1]))
    if name in ("fmax", "fmin"):  # keep operands apart: the kink is not differentiable
        b = _leaf(b.detach().numpy() + 5.0)
    assert gradcheck(getattr(engine, name), (a, b))


def test_binary_number_operands_and_promotion():
    torch = pytest.importorskip("torch")
    x = [0.0, 1.0, 2.5]
    for lib in (engine, torch):
        t = lib.tensor(x, requires_grad=True)
        names = [type(lib.xlogy(2.0, t).grad_fn).__name__, type(lib.xlogy(t, 2.0).grad_fn).__name__,
                 type(lib.copysign(t, -1.0).grad_fn).__name__]
        assert names == ["XlogyBackward1", "XlogyBackward2", "CopysignBackward1"]
    assert engine.xlogy(engine.tensor([0, 1]), engine.tensor([0, 3])).dtype == engine.float32
    assert engine.copysign(engine.tensor([1, 2]), -1).tolist() == [-1.0, -2.0]
    assert engine.xlogy(engine.tensor([0.0]), engine.tensor([float("nan")])).isnan().item()


def test_fmax_fmin_ignore_nan_and_route_gradient_like_torch():
    torch = pytest.importorskip("torch")
    a, b = [1.0, 2.0, 3.0, float("nan")], [1.0, 1.0, 4.0, 2.0]
    for fn in ("fmax", "fmin"):
        ea, eb = _leaf(a, np.float32), _leaf(b, np.float32)
        ta, tb = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
        e, t = getattr(engine, fn)(ea, eb), getattr(torch, fn)(ta, tb)
        _close(e, t)
        e.sum().backward()
        t.sum().backward()
        _close(ea.grad, ta.grad)
        _close(eb.grad, tb.grad)
    with pytest.raises(TypeError, match=r"fmax\(\): argument 'other' \(position 2\) must be "
                                        r"Tensor, not int"):
        engine.fmax(engine.tensor([1]), 2)


def test_binary_float_errors():
    with pytest.raises(NotImplementedError, match="\"hypot_cpu\" not implemented for 'Long'"):
        engine.hypot(engine.tensor([3]), engine.tensor([4]))
    with pytest.raises(NotImplementedError, match="\"logaddexp_cpu\" not implemented for 'Long'"):
        engine.logaddexp(engine.tensor([1]), engine.tensor([2]))


@pytest.mark.parametrize("n", [1, 7, 32, 1000])
def test_logaddexp_float32_bits_match_torch(n):
    """softplus written as logaddexp(x, 0) shows in loss.item(): torch's vectorised kernel
    (SLEEF's expf/log1pf on blocks of 32) is replayed bit for bit; the scalar remainder goes
    through glibc's functions, which the engine rounds correctly (within an ulp of them)."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(n)
    a, b = (rng.standard_normal(n).astype(np.float32) * 3 for _ in range(2))
    e = engine.logaddexp(engine.tensor(a), engine.tensor(b)).numpy()
    t = torch.logaddexp(torch.tensor(a), torch.tensor(b)).numpy()
    vectorised = n // 32 * 32
    np.testing.assert_array_equal(e[:vectorised], t[:vectorised])
    np.testing.assert_array_max_ulp(e, t, maxulp=1)


def test_logaddexp_infinities():
    inf = float("inf")
    a = engine.tensor([inf, -inf, 1.0])
    b = engine.tensor([inf, -inf, inf])
    assert engine.logaddexp(a, b).tolist() == [inf, -inf, inf]
    assert engine.logaddexp2(a, b).tolist() == [inf, -inf, inf]


def test_heaviside():
    torch = pytest.importorskip("torch")
    x = [-1.0, 0.0, 2.0, float("nan")]
    e = engine.heaviside(engine.tensor(x, requires_grad=True), engine.tensor([0.5]))
    t = torch.heaviside(torch.tensor(x, requires_grad=True), torch.tensor([0.5]))
    _close(e, t)
    assert repr(e) == repr(t)  # grad_fn=<NotImplemented>, as torch
    with pytest.raises(RuntimeError, match="derivative for aten::heaviside is not implemented"):
        e.sum().backward()
    with pytest.raises(RuntimeError, match="heaviside is not yet implemented for tensors with "
                                           "different dtypes."):
        engine.heaviside(engine.tensor([1, 0]), engine.tensor([0.5]))
    with pytest.raises(TypeError, match=r"heaviside\(\): argument 'values' \(position 2\) must "
                                        r"be Tensor, not float"):
        engine.heaviside(engine.tensor([1.0]), 2.0)


def test_float_power():
    torch = pytest.importorskip("torch")
    a = _arr(5, low=0.5, high=2.0)
    e = engine.float_power(engine.tensor(a, requires_grad=True), 2.5)
    t = torch.float_power(torch.tensor(a, requires_grad=True), 2.5)
    _close(e, t, rtol=1e-15)
    assert e.dtype == engine.float64 and _name(e) == _name(t) == "PowBackward0"
    x, y = engine.tensor([2, 3]), engine.tensor([2.0, 0.5])
    assert engine.float_power(x, y).dtype == engine.float64
    assert _name(engine.float_power(2, _leaf([1.0, 2.0]))) == "PowBackward2"
    assert gradcheck(lambda p, q: engine.float_power(p, q), (_leaf([1.5, 2.0]), _leaf([0.5, 3])))
    with pytest.raises(RuntimeError, match="the base given to float_power_ has dtype Float but "
                                           "the operation's result requires dtype Double"):
        engine.tensor([1.0]).float_power_(2)
    d = engine.tensor([2.0], dtype=engine.float64)
    assert d.float_power_(3).tolist() == [8.0]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("value", [1, 0.1, -0.001, 0.999])
def test_addcmul_addcdiv_bits_match_torch(dtype, value):
    """Optimizers written by hand use these: torch's kernel rounds value * t1 first, then a
    fused multiply-add (addcmul) or a division and an add (addcdiv)."""
    torch = pytest.importorskip("torch")
    x, y, z = (_arr(1000, dtype=dtype) for _ in range(3))
    for fn in ("addcmul", "addcdiv"):
        e = getattr(engine, fn)(engine.tensor(x), engine.tensor(y), engine.tensor(z), value=value)
        t = getattr(torch, fn)(torch.tensor(x), torch.tensor(y), torch.tensor(z), value=value)
        np.testing.assert_array_equal(e.numpy(), t.numpy())
        one = getattr(engine, fn)(engine.tensor(x[0]), engine.tensor(y[0]), engine.tensor(z[0]),
                                  value=value)
        assert one.item() == t[0].item()


def test_addcmul_addcdiv_grads_inplace_and_errors():
    a, b, c = _leaf(_arr(3)), _leaf(_arr(2, 3)), _leaf(_arr(3, low=0.5, high=2.0))
    assert gradcheck(lambda p, q, r: engine.addcmul(p, q, r, value=0.5), (a, b, c))
    assert gradcheck(lambda p, q, r: engine.addcdiv(p, q, r, value=-2), (a, b, c))
    assert _name(engine.addcmul(a, b, c)) == "AddcmulBackward0"
    assert _name(engine.addcdiv(a, b, c)) == "AddcdivBackward0"
    m = engine.zeros(3)
    m.addcmul_(engine.tensor([1.0, 2.0, 3.0]), engine.tensor([2.0, 2.0, 2.0]), value=0.5)
    assert m.tolist() == [1.0, 2.0, 3.0]
    m.addcdiv_(engine.tensor([1.0, 2.0, 3.0]), engine.tensor([1.0, 2.0, 3.0]), value=-1)
    assert m.tolist() == [0.0, 1.0, 2.0]
    with pytest.raises(RuntimeError, match="Integer division with addcdiv is no longer supported"):
        engine.addcdiv(engine.tensor([1]), engine.tensor([1]), engine.tensor([2]))
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        engine.addcmul(engine.zeros(3), engine.zeros(2), engine.zeros(3))


# ---------------------------------------------------------------------------------------------
# Products
# ---------------------------------------------------------------------------------------------
def _both(torch, *arrays):
    return ([engine.tensor(a, requires_grad=True) for a in arrays],
            [torch.tensor(a, requires_grad=True) for a in arrays])


PRODUCTS = [  # name, shapes, call (lib, *tensors), grad_fn
    ("cross", [(4, 3), (4, 3)], lambda L, a, b: L.cross(a, b, dim=1), "LinalgCrossBackward0"),
    ("cross_bcast", [(2, 1, 3), (1, 4, 3)], lambda L, a, b: L.cross(a, b, dim=-1),
     "LinalgCrossBackward0"),
    ("vdot", [(5,), (5,)], lambda L, a, b: L.vdot(a, b), "VdotBackward0"),
    ("addmv", [(3,), (3, 4), (4,)], lambda L, i, m, v: L.addmv(i, m, v, beta=0.5, alpha=2),
     "AddmvBackward0"),
    ("addr", [(3, 4), (3,), (4,)], lambda L, i, a, b: L.addr(i, a, b, alpha=-1),
     "AddrBackward0"),
    ("addbmm", [(3, 2), (4, 3, 5), (4, 5, 2)], lambda L, i, a, b: L.addbmm(i, a, b, beta=2),
     "AddbmmBackward0"),
    ("baddbmm", [(4, 3, 2), (4, 3, 5), (4, 5, 2)],
     lambda L, i, a, b: L.baddbmm(i, a, b, beta=0.5, alpha=0.25), "BaddbmmBackward0"),
    ("matrix_power3", [(3, 3)], lambda L, a: L.matrix_power(a, 3), "MmBackward0"),
    ("matrix_power5", [(3, 3)], lambda L, a: L.matrix_power(a, 5), "MmBackward0"),
    ("matrix_power1", [(3, 3)], lambda L, a: L.matrix_power(a, 1), "CloneBackward0"),
    ("matrix_power_m1", [(3, 3)], lambda L, a: L.matrix_power(a, -1), "LinalgInvExBackward0"),
    ("matrix_power_m2", [(3, 3)], lambda L, a: L.matrix_power(a, -2), "MmBackward0"),
    ("cov", [(3, 6)], lambda L, a: L.cov(a), "SqueezeBackward0"),
    ("cov_1d", [(6,)], lambda L, a: L.cov(a, correction=0), "SqueezeBackward0"),
    ("corrcoef", [(3, 6)], lambda L, a: L.corrcoef(a), "ClampBackward1"),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,shapes,call,node", PRODUCTS, ids=[p[0] for p in PRODUCTS])
def test_products_match_torch(name, shapes, call, node, dtype):
    torch = pytest.importorskip("torch")
    arrays = [_arr(*s, dtype=dtype) for s in shapes]
    if name.startswith("matrix_power"):
        arrays[0] = arrays[0] + 3 * np.eye(3, dtype=dtype)  # well conditioned
    es, ts = _both(torch, *arrays)
    e, t = call(engine, *es), call(torch, *ts)
    tol = 1e-5 if dtype == np.float32 else 1e-12
    _close(e, t, rtol=tol, atol=tol)
    assert _name(e) == node == _name(t)
    w = _arr(*t.shape, dtype=dtype)
    (e * engine.tensor(w)).sum().backward()
    (t * torch.tensor(w)).sum().backward()
    for ge, gt in zip(es, ts):
        _close(ge.grad, gt.grad, rtol=tol * 10, atol=tol * 10)


@pytest.mark.parametrize("name,shapes,call,node", PRODUCTS, ids=[p[0] for p in PRODUCTS])
def test_products_gradcheck(name, shapes, call, node):
    arrays = [_arr(*s, dtype=np.float64) for s in shapes]
    if name.startswith("matrix_power"):
        arrays[0] = arrays[0] + 3 * np.eye(3)
    assert gradcheck(lambda *ts: call(engine, *ts), tuple(_leaf(a) for a in arrays))


def test_product_methods_and_inplace():
    a = engine.tensor([[2.0, 1.0], [1.0, 3.0]])
    v = engine.tensor([1.0, -1.0])
    assert a.matrix_power(2).tolist() == (a @ a).tolist()
    assert v.vdot(v).item() == 2.0
    assert engine.zeros(2).addmv(a, v).tolist() == [1.0, -2.0]
    x = engine.ones(2)
    x.addmv_(a, v, alpha=2)
    assert x.tolist() == [3.0, -3.0]
    m = engine.zeros(2, 2)
    m.addr_(v, v)
    assert m.tolist() == [[1.0, -1.0], [-1.0, 1.0]]
    b = engine.ones(2, 2, 2)
    assert engine.zeros(2, 2).addbmm_(b, b).tolist() == [[4.0, 4.0], [4.0, 4.0]]
    assert engine.zeros(2, 2, 2).baddbmm_(b, b).sum().item() == 16.0
    assert engine.tensor([[1.0, 2.0, 3.0]]).cross(engine.tensor([[0.0, 0.0, 1.0]]),
                                                  dim=1).tolist() == [[2.0, -1.0, 0.0]]
    assert engine.tensor([[1.0, 2.0], [2.0, 4.0]]).corrcoef().tolist() == [[1.0, 1.0], [1.0, 1.0]]


def test_matrix_power_zero_and_integers():
    torch = pytest.importorskip("torch")
    a = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    r = engine.matrix_power(a, 0)
    assert r.tolist() == [[1.0, 0.0], [0.0, 1.0]] and _name(r) == "CopyBackwards"
    r.sum().backward()
    assert a.grad.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    i = [[1, 2], [3, 4]]
    assert engine.matrix_power(engine.tensor(i), 6).tolist() == \
        torch.matrix_power(torch.tensor(i), 6).tolist()
    b = engine.tensor(_arr(2, 3, 3))
    assert engine.matrix_power(b, 4).shape == (2, 3, 3)
    with pytest.raises(RuntimeError, match="linalg.matrix_power: A must be batches of square "
                                           "matrices, but they are 2 by 3 matrices"):
        engine.matrix_power(engine.zeros(2, 3), 2)
    with pytest.raises(RuntimeError, match="linalg.inv: Expected a floating point or complex "
                                           "tensor as input. Got Long"):
        engine.matrix_power(engine.tensor(i), -1)


def test_cross_dim_handling_and_errors():
    torch = pytest.importorskip("torch")
    x = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    y = [[3.0, 2.0, 1.0], [6.0, 5.0, 4.0]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        e = engine.cross(engine.tensor(x), engine.tensor(y))  # first dim of size 3: dim 1
        t = torch.cross(torch.tensor(x), torch.tensor(y))
    assert e.tolist() == t.tolist()
    with pytest.raises(RuntimeError, match="no dimension of size 3 in input"):
        engine.cross(engine.zeros(2, 2), engine.zeros(2, 2))
    with pytest.raises(RuntimeError, match="linalg.cross: inputs dimension 0 must have length 3. "
                                           "Got 2 and 2"):
        engine.cross(engine.zeros(2, 3), engine.zeros(2, 3), dim=0)
    with pytest.raises(RuntimeError, match="linalg.cross: inputs must have the same number of "
                                           "dimensions."):
        engine.cross(engine.zeros(3, 3), engine.zeros(3), dim=1)


def test_product_errors():
    with pytest.raises(RuntimeError, match=r"inconsistent tensor size, expected tensor \[2\] and "
                                           r"src \[3\]"):
        engine.vdot(engine.zeros(2), engine.zeros(3))
    with pytest.raises(RuntimeError, match=r"size mismatch, got input \(2\), mat \(2x3\), "
                                           r"vec \(2\)"):
        engine.addmv(engine.zeros(2), engine.zeros(2, 3), engine.zeros(2))
    with pytest.raises(RuntimeError, match=r"The expanded size of the tensor \(3\) must match "
                                           r"the existing size \(2\) at non-singleton "
                                           r"dimension 1.  Target sizes: \[2, 3\].  Tensor "
                                           r"sizes: \[2, 2\]"):
        engine.addr(engine.zeros(2, 2), engine.zeros(2), engine.zeros(3))
    with pytest.raises(RuntimeError, match=r"Expected size for first two dimensions of batch2 "
                                           r"tensor to be: \[2, 3\] but got: \[2, 2\]."):
        engine.baddbmm(engine.zeros(2, 2, 2), engine.zeros(2, 2, 3), engine.zeros(2, 2, 2))
    with pytest.raises(RuntimeError, match=r"Incompatible matrix sizes for bmm \(2x3 and 2x2\)"):
        engine.addbmm(engine.zeros(2, 2), engine.zeros(2, 2, 3), engine.zeros(2, 2, 2))


def test_cov_weights_and_warning():
    torch = pytest.importorskip("torch")
    a = _arr(2, 5)
    fw, aw = [1, 2, 1, 3, 1], [0.5, 1.0, 2.0, 1.0, 0.25]
    e = engine.cov(engine.tensor(a), fweights=engine.tensor(fw), aweights=engine.tensor(aw))
    t = torch.cov(torch.tensor(a), fweights=torch.tensor(fw), aweights=torch.tensor(aw))
    _close(e, t, rtol=1e-5)
    assert engine.cov(engine.tensor([[1, 2, 3], [2, 4, 7]])).dtype == engine.float32
    with pytest.warns(UserWarning, match=r"cov\(\): degrees of freedom is <= 0"):
        engine.cov(engine.tensor([[1.0, 2.0], [3.0, 4.0]]), correction=2)


def test_take_along_dim():
    torch = pytest.importorskip("torch")
    x = _arr(3, 4)
    idx = np.argsort(x, axis=1)[:, :2]
    for dim in (1, None):
        ex = engine.tensor(x, requires_grad=True)
        tx = torch.tensor(x, requires_grad=True)
        e = engine.take_along_dim(ex, engine.tensor(idx), dim)
        t = torch.take_along_dim(tx, torch.tensor(idx), dim)
        _close(e, t)
        assert _name(e) == _name(t) == "GatherBackward0"
    # broadcasting of the other dims
    e = engine.tensor(x).take_along_dim(engine.tensor([[0, 3]]), 1)
    t = torch.tensor(x).take_along_dim(torch.tensor([[0, 3]]), 1)
    _close(e, t)
    with pytest.raises(RuntimeError, match=r"The size of tensor a \(4\) must match the size of "
                                           r"tensor b \(3\) at non-singleton dimension 1"):
        engine.take_along_dim(engine.tensor(x), engine.tensor([[0, 1, 1]]), 0)
    assert gradcheck(lambda t: engine.take_along_dim(t, engine.tensor(idx), 1),
                     (_leaf(x),))


def test_broadcast_helpers_isin_argwhere():
    a = engine.ones(3, 1, requires_grad=True)
    b = engine.zeros(4)
    ra, rb = engine.broadcast_tensors(a, b)
    assert ra.shape == rb.shape == (3, 4) and _name(ra) == "ExpandBackward0"
    assert engine.broadcast_tensors(a, a)[0] is a
    s = engine.broadcast_shapes((2, 1), (3,), 1)
    assert s == (2, 3) and repr(s) == "torch.Size([2, 3])"
    with pytest.raises(RuntimeError, match=r"Attempting to broadcast a dimension of length 4 at "
                                           r"-1! Mismatching argument at index 1 had \(4,\); but "
                                           r"expected shape should be broadcastable to \[2, 3\]"):
        engine.broadcast_shapes((2, 3), (4,))
    with pytest.raises(RuntimeError, match=r"The size of tensor a \(3\) must match the size of "
                                           r"tensor b \(4\) at non-singleton dimension 1"):
        engine.broadcast_tensors(engine.zeros(2, 3), engine.zeros(4))
    assert engine.isin(engine.tensor([1, 2, 3]), engine.tensor([2, 5])).tolist() == \
        [False, True, False]
    assert engine.isin(engine.tensor([1.0, 2.0]), 2, invert=True).tolist() == [True, False]
    assert engine.isin(2, engine.tensor([2])).item() is True
    w = engine.argwhere(engine.tensor([[0, 1], [1, 0]]))
    assert w.tolist() == [[0, 1], [1, 0]] and w.dtype == engine.int64
    assert engine.argwhere(engine.tensor(3)).shape == (1, 0)
    assert engine.tensor([[0, 1], [1, 1]]).count_nonzero(dim=0).tolist() == [1, 2]


def test_iinfo():
    torch = pytest.importorskip("torch")
    for name in ("int8", "int16", "int32", "int64", "uint8"):
        e, t = engine.iinfo(getattr(engine, name)), torch.iinfo(getattr(torch, name))
        assert (e.min, e.max, e.bits, e.dtype, repr(e)) == (t.min, t.max, t.bits, t.dtype, repr(t))
    with pytest.raises(TypeError, match=r"torch.iinfo\(\) requires an integer input type. Use "
                                        r"torch.finfo to handle 'torch.iinfo'"):
        engine.iinfo(engine.float32)
    with pytest.raises(TypeError, match="torch.bool is not supported by torch.iinfo"):
        engine.iinfo(engine.bool)


def test_range():
    with pytest.warns(UserWarning, match="torch.range is deprecated and will be removed"):
        r = engine.range(1, 4)
    assert r.tolist() == [1.0, 2.0, 3.0, 4.0] and r.dtype == engine.float32
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert engine.range(0, 1, 0.25).tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
        assert engine.range(1, 2, 0.3).shape == (4,)
        assert engine.range(1, 4, dtype=engine.int64).tolist() == [1, 2, 3, 4]
        with pytest.raises(RuntimeError, match="upper bound and lower bound inconsistent with "
                                               "step sign"):
            engine.range(1, 0)
        with pytest.raises(TypeError, match='range\\(\\) missing 1 required positional '
                                            'arguments: "end"'):
            engine.range(3)


def test_unique_consecutive_reshape_as_split_with_sizes():
    torch = pytest.importorskip("torch")
    v = [1, 1, 2, 2, 3, 1, 1]
    e = engine.unique_consecutive(engine.tensor(v), return_inverse=True, return_counts=True)
    t = torch.unique_consecutive(torch.tensor(v), return_inverse=True, return_counts=True)
    assert [x.tolist() for x in e] == [x.tolist() for x in t]
    m = [[1, 1], [1, 1], [2, 3], [1, 1]]
    e = engine.tensor(m).unique_consecutive(dim=0, return_counts=True, return_inverse=True)
    t = torch.tensor(m).unique_consecutive(dim=0, return_counts=True, return_inverse=True)
    assert [x.tolist() for x in e] == [x.tolist() for x in t]
    assert _name(engine.unique_consecutive(_leaf([1.0, 1.0]))) == "UniqueConsecutiveBackward0"
    a = engine.ones(2, 3, requires_grad=True)
    r = a.reshape_as(engine.zeros(6))
    assert r.shape == (6,) and _name(r) == "ViewBackward0"
    parts = a.split_with_sizes([1, 2], dim=1)
    assert [p.shape for p in parts] == [(2, 1), (2, 2)]
    assert _name(parts[0]) == "SplitWithSizesBackward0"


# ---------------------------------------------------------------------------------------------
# nn: containers, small modules, activations
# ---------------------------------------------------------------------------------------------
def test_parameter_dict():
    pd = nn.ParameterDict({"b": engine.ones(4), "a": nn.Parameter(engine.zeros(2, 3))})
    assert list(pd.keys()) == ["a", "b"]  # a plain dict is taken in sorted order, as torch
    assert isinstance(pd["b"], nn.Parameter) and "a" in pd and len(pd) == 2
    assert repr(pd) == ("ParameterDict(\n"
                        "    (a): Parameter containing: [torch.FloatTensor of size 2x3]\n"
                        "    (b): Parameter containing: [torch.FloatTensor of size 4]\n)")
    assert repr(nn.ParameterDict()) == "ParameterDict()"
    model = nn.Sequential(nn.Linear(2, 2))
    model.pd = pd
    assert [n for n, _ in model.named_parameters()] == ["0.weight", "0.bias", "pd.a", "pd.b"]
    pd["c"] = engine.tensor([1.0, 2.0], dtype=engine.float64)
    assert "[torch.DoubleTensor of size 2]" in repr(pd)
    assert pd.pop("c").dtype == engine.float64 and "c" not in pd
    pd.update([("z", engine.zeros(1))])
    assert list(pd) == ["a", "b", "z"] and pd.get("q") is None
    with pytest.raises(TypeError, match="Index given to ParameterDict cannot be used as a key as "
                                        "it is not a string"):
        pd[1] = engine.zeros(1)


def test_unflatten_and_distance_modules():
    torch = pytest.importorskip("torch")
    assert repr(nn.Unflatten(1, (2, 3))) == "Unflatten(dim=1, unflattened_size=(2, 3))"
    x = engine.arange(24.0).reshape(2, 12)
    assert nn.Unflatten(1, (3, 4))(x).shape == (2, 3, 4)
    with pytest.raises(TypeError, match="unflattened_size must be a tuple of ints, but found "
                                        "type int"):
        nn.Unflatten(1, 4)
    assert repr(nn.CosineSimilarity(dim=0)) == "CosineSimilarity()"
    assert repr(nn.PairwiseDistance(p=1.0)) == "PairwiseDistance()"
    a, b = _arr(4, 5), _arr(4, 5)
    _close(nn.CosineSimilarity()(engine.tensor(a), engine.tensor(b)),
           torch.nn.CosineSimilarity()(torch.tensor(a), torch.tensor(b)))
    _close(nn.PairwiseDistance(p=1.0, keepdim=True)(engine.tensor(a), engine.tensor(b)),
           torch.nn.PairwiseDistance(p=1.0, keepdim=True)(torch.tensor(a), torch.tensor(b)),
           rtol=1e-5)


def test_shrink_activations():
    torch = pytest.importorskip("torch")
    x = [-1.0, -0.3, 0.0, 0.2, 0.7]
    for fn, node in (("hardshrink", "HardshrinkBackward0"), ("softshrink", "SoftshrinkBackward0")):
        ex, tx = engine.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        e, t = getattr(F, fn)(ex, 0.25), getattr(torch.nn.functional, fn)(tx, 0.25)
        assert repr(e) == repr(t) and _name(e) == node
        e.sum().backward()
        t.sum().backward()
        _close(ex.grad, tx.grad)
        assert gradcheck(lambda v: getattr(F, fn)(v, 0.25), (_leaf([-1.0, -0.1, 0.6]),))
    assert repr(F.softshrink(engine.tensor([-0.3, 0.2]))) == "tensor([-0., 0.])"
    assert repr(nn.Hardshrink()) == "Hardshrink(0.5)" and repr(nn.Softshrink(0.3)) == \
        "Softshrink(0.3)"
    with pytest.raises(RuntimeError, match=r"lambda must be in range \[0, 3.40282e\+38\] for "
                                           r"input dtype Float, but found -1"):
        F.softshrink(engine.tensor([1.0]), -1)
    with pytest.raises(NotImplementedError, match="\"hardshrink_cpu\" not implemented for 'Long'"):
        F.hardshrink(engine.tensor([1]))


@pytest.mark.parametrize("fn,kwargs,node", [("relu_", {}, "ReluBackward0"),
                                             ("elu_", {"alpha": 2.0}, "EluBackward1"),
                                             ("leaky_relu_", {"negative_slope": 0.2},
                                              "LeakyReluBackward1")])
def test_inplace_functional_activations(fn, kwargs, node):
    torch = pytest.importorskip("torch")
    x = [-1.0, -0.3, 0.2, 0.7]
    ex, tx = engine.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    ey, ty = ex * 2, tx * 2
    eo, to = getattr(F, fn)(ey, **kwargs), getattr(torch.nn.functional, fn)(ty, **kwargs)
    assert eo is ey and repr(eo) == repr(to) and _name(eo) == node
    (eo * eo).sum().backward()
    (to * to).sum().backward()
    _close(ex.grad, tx.grad)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used in "
                                           "an in-place operation."):
        getattr(F, fn)(ex)


# ---------------------------------------------------------------------------------------------
# nn: normalization
# ---------------------------------------------------------------------------------------------
def test_norm_reprs():
    assert repr(nn.GroupNorm(2, 4)) == "GroupNorm(2, 4, eps=1e-05, affine=True, bias=True)"
    assert repr(nn.RMSNorm(4)) == "RMSNorm((4,), eps=None, elementwise_affine=True)"
    assert repr(nn.RMSNorm([2, 3], eps=1e-6, elementwise_affine=False)) == \
        "RMSNorm((2, 3), eps=1e-06, elementwise_affine=False)"
    assert repr(nn.InstanceNorm1d(3)) == ("InstanceNorm1d(3, eps=1e-05, momentum=0.1, "
                                          "affine=False, bias=False, track_running_stats=False)")
    assert repr(nn.InstanceNorm2d(3, affine=True)) == (
        "InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, "
        "track_running_stats=False)")
    with pytest.raises(ValueError, match=r"num_channels \(4\) must be divisible by num_groups "
                                         r"\(3\)"):
        nn.GroupNorm(3, 4)


NORMS = [
    ("group_norm", lambda L, x, w, b: L.nn.functional.group_norm(x, 2, w, b),
     "NativeGroupNormBackward0"),
    ("group_norm_1", lambda L, x, w, b: L.nn.functional.group_norm(x, 1, w, b, eps=1e-3),
     "NativeGroupNormBackward0"),
    ("rms_norm", lambda L, x, w, b: L.nn.functional.rms_norm(x, (5,)), "MulBackward0"),
    ("rms_norm_w", lambda L, x, w, b: L.nn.functional.rms_norm(x, (4, 5), L.ones(4, 5) * 0.5,
                                                               eps=1e-4), "MulBackward0"),
    ("instance_norm", lambda L, x, w, b: L.nn.functional.instance_norm(x, weight=w, bias=b),
     "ViewBackward0"),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,call,node", NORMS, ids=[n[0] for n in NORMS])
def test_norms_match_torch(name, call, node, dtype):
    torch = pytest.importorskip("torch")
    x, w, b = _arr(3, 4, 5, dtype=dtype), _arr(4, dtype=dtype), _arr(4, dtype=dtype)
    (ex, ew, eb), (tx, tw, tb) = _both(torch, x, w, b)
    e, t = call(engine, ex, ew, eb), call(torch, tx, tw, tb)
    tol = 2e-5 if dtype == np.float32 else 1e-12
    _close(e, t, rtol=tol, atol=tol)
    assert _name(e) == node == _name(t)
    g = _arr(3, 4, 5, dtype=dtype)
    (e * engine.tensor(g)).sum().backward()
    (t * torch.tensor(g)).sum().backward()
    for pe, pt in ((ex, tx), (ew, tw), (eb, tb)):
        if pt.grad is not None:
            _close(pe.grad, pt.grad, rtol=tol * 10, atol=tol * 10)


@pytest.mark.parametrize("name,call,node", NORMS, ids=[n[0] for n in NORMS])
def test_norms_gradcheck(name, call, node):
    x, w, b = _arr(2, 4, 5, dtype=np.float64), _arr(4, dtype=np.float64), _arr(4, dtype=np.float64)
    assert gradcheck(lambda *ts: call(engine, *ts), (_leaf(x), _leaf(w), _leaf(b)))


def test_norm_modules_and_running_stats():
    torch = pytest.importorskip("torch")
    x = _arr(3, 4, 6)
    for make in (lambda L: L.nn.GroupNorm(2, 4), lambda L: L.nn.RMSNorm(6),
                 lambda L: L.nn.InstanceNorm1d(4, affine=True, track_running_stats=True)):
        em, tm = make(engine), make(torch)
        _close(em(engine.tensor(x)), tm(torch.tensor(x)), rtol=2e-5, atol=2e-5)
        if hasattr(tm, "running_mean") and tm.running_mean is not None:
            _close(em.running_mean, tm.running_mean)
            _close(em.running_var, tm.running_var, rtol=1e-5)
            em.eval()
            tm.eval()
            _close(em(engine.tensor(x)), tm(torch.tensor(x)), rtol=2e-5, atol=2e-5)
    x2 = _arr(2, 3, 4, 4)
    _close(nn.InstanceNorm2d(3)(engine.tensor(x2)), torch.nn.InstanceNorm2d(3)(torch.tensor(x2)),
           rtol=2e-5, atol=2e-5)
    assert nn.InstanceNorm1d(4)(engine.tensor(x[0])).shape == (4, 6)  # unbatched
    with pytest.raises(ValueError, match=r"expected 3D or 4D input \(got 2D input\)"):
        nn.InstanceNorm2d(3)(engine.zeros(3, 4))
    with pytest.raises(ValueError, match=r"expected input's size at dim=1 to match num_features "
                                         r"\(3\), but got: 4."):
        nn.InstanceNorm1d(3, affine=True)(engine.zeros(2, 4, 5))
    with pytest.raises(RuntimeError, match="Expected number of channels in input to be divisible "
                                           r"by num_groups, but got input of shape \[2, 4, 3\] "
                                           "and num_groups=3"):
        F.group_norm(engine.zeros(2, 4, 3), 3)
    with pytest.raises(ValueError, match="Expected more than 1 spatial element when training"):
        F.instance_norm(engine.zeros(2, 4, 1))


# ---------------------------------------------------------------------------------------------
# nn: losses
# ---------------------------------------------------------------------------------------------
X1 = [[0.2, -1.0, 0.5], [1.0, 0.3, -0.4]]
X2 = [[0.1, 0.4, 0.5], [-1.0, 0.2, 0.9]]
SIGNS = [[1.0, -1.0, 1.0], [-1.0, 1.0, 1.0]]
LOSSES = [  # name, call(F, reduction, *tensors), inputs (value, requires_grad), grad_fn (mean)
    ("margin_ranking", lambda Fm, r, a, b, y: Fm.margin_ranking_loss(a, b, y, 0.15, reduction=r),
     [(X1, True), (X2, True), (SIGNS, False)], "MeanBackward0"),
    ("hinge_embedding", lambda Fm, r, a, y: Fm.hinge_embedding_loss(a, y, 0.5, reduction=r),
     [(X1, True), (SIGNS, False)], "MeanBackward0"),
    ("soft_margin", lambda Fm, r, a, y: Fm.soft_margin_loss(a, y, reduction=r),
     [(X1, True), (SIGNS, False)], "SoftMarginLossBackward0"),
    ("cosine_embedding", lambda Fm, r, a, b, y: Fm.cosine_embedding_loss(a, b, y, 0.2,
                                                                           reduction=r),
     [(X1, True), (X2, True), ([1.0, -1.0], False)], "MeanBackward0"),
    ("gaussian_nll", lambda Fm, r, a, b, v: Fm.gaussian_nll_loss(a, b, v, reduction=r),
     [(X1, True), (X2, False), ([[0.5, 1.0, 2.0], [1.0, 0.3, 3.0]], True)], "MeanBackward0"),
    ("gaussian_nll_full", lambda Fm, r, a, b, v: Fm.gaussian_nll_loss(a, b, v, full=True,
                                                                        reduction=r),
     [(X1, True), (X2, True), ([[0.5, 1.0, 2.0], [1.0, 0.3, 3.0]], False)], "MeanBackward0"),
    ("poisson_nll", lambda Fm, r, a, t: Fm.poisson_nll_loss(a, t, reduction=r),
     [(X1, True), ([[0.0, 1.0, 2.0], [3.0, 0.5, 4.0]], False)], "MeanBackward0"),
    ("poisson_nll_full", lambda Fm, r, a, t: Fm.poisson_nll_loss(a, t, log_input=False,
                                                                   full=True, reduction=r),
     [([[0.2, 1.0, 0.5], [1.0, 0.3, 2.0]], True), ([[0.0, 1.0, 2.0], [3.0, 0.5, 4.0]], False)],
     "MeanBackward0"),
    ("triplet_margin", lambda Fm, r, a, p, n: Fm.triplet_margin_loss(a, p, n, reduction=r),
     [(X1, True), (X2, True), ([[0.0, 0.0, 1.0], [1.0, 1.0, 1.0]], True)], "MeanBackward0"),
    ("triplet_margin_swap", lambda Fm, r, a, p, n: Fm.triplet_margin_loss(
        a, p, n, margin=2.0, p=1, swap=True, reduction=r),
     [(X1, True), (X2, True), ([[0.0, 0.0, 1.0], [1.0, 1.0, 1.0]], True)], "MeanBackward0"),
    ("multilabel_soft_margin", lambda Fm, r, a, t, w: Fm.multilabel_soft_margin_loss(
        a, t, weight=w, reduction=r),
     [(X1, True), ([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], False), ([0.5, 1.0, 2.0], False)],
     "MeanBackward0"),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("name,call,inputs,node", LOSSES, ids=[loss[0] for loss in LOSSES])
def test_losses_match_torch(name, call, inputs, node, reduction, dtype):
    torch = pytest.importorskip("torch")
    es = [engine.tensor(np.asarray(v, dtype=dtype), requires_grad=rg) for v, rg in inputs]
    ts = [torch.tensor(np.asarray(v, dtype=dtype), requires_grad=rg) for v, rg in inputs]
    e, t = call(F, reduction, *es), call(torch.nn.functional, reduction, *ts)
    tol = 1e-6 if dtype == np.float32 else 1e-14
    _close(e, t, rtol=tol, atol=tol)
    if reduction == "mean":
        assert _name(e) == node == _name(t)
    e.sum().backward()
    t.sum().backward()
    for a, b in zip(es, ts):
        if b.requires_grad:
            _close(a.grad, b.grad, rtol=tol * 10, atol=tol * 10)


@pytest.mark.parametrize("name,call,inputs,node", LOSSES, ids=[loss[0] for loss in LOSSES])
def test_losses_gradcheck(name, call, inputs, node):
    ts = [engine.tensor(np.asarray(v, dtype=np.float64), requires_grad=rg) for v, rg in inputs]
    assert gradcheck(lambda *a: call(F, "sum", *a), tuple(ts))


def test_loss_modules_and_errors():
    torch = pytest.importorskip("torch")
    for cls in ("MarginRankingLoss", "HingeEmbeddingLoss", "SoftMarginLoss",
                "CosineEmbeddingLoss", "GaussianNLLLoss", "PoissonNLLLoss", "TripletMarginLoss",
                "MultiLabelSoftMarginLoss"):
        assert repr(getattr(nn, cls)()) == repr(getattr(torch.nn, cls)()) == f"{cls}()"
    a, b = [1.0, 2.0], [2.0, 1.0]
    pairs = [
        (lambda L: L.nn.MarginRankingLoss(margin=0.5), (a, b, [1.0, 1.0])),
        (lambda L: L.nn.GaussianNLLLoss(full=True), (a, b, [1.0, 2.0])),
        (lambda L: L.nn.PoissonNLLLoss(log_input=False), (a, b)),
        (lambda L: L.nn.TripletMarginLoss(margin=0.5, p=1), ([a], [b], [[0.0, 0.0]])),
        (lambda L: L.nn.SoftMarginLoss(reduction="sum"), (a, [1.0, -1.0])),
        (lambda L: L.nn.HingeEmbeddingLoss(), (a, [1.0, -1.0])),
        (lambda L: L.nn.CosineEmbeddingLoss(), ([a], [b], [1.0])),
        (lambda L: L.nn.MultiLabelSoftMarginLoss(weight=L.tensor([1.0, 2.0])), ([a], [[1.0, 0.0]])),
    ]
    for make, args in pairs:
        e = make(engine)(*(engine.tensor(v) for v in args))
        t = make(torch)(*(torch.tensor(v) for v in args))
        assert repr(e) == repr(t)
    x = engine.tensor(X1)
    with pytest.raises(RuntimeError, match="margin_ranking_loss : All input tensors should have "
                                           "same dimension"):
        F.margin_ranking_loss(x, x, engine.tensor([1.0, -1.0]))
    with pytest.raises(RuntimeError, match="0D or 1D target tensor expected, multi-target not "
                                           "supported"):
        F.cosine_embedding_loss(x, x, x)
    with pytest.raises(ValueError, match="var is of incorrect size"):
        F.gaussian_nll_loss(x, x, engine.ones(3))
    with pytest.raises(ValueError, match="var has negative entry/entries"):
        F.gaussian_nll_loss(x, x, engine.tensor([-1.0, 1.0]))
    with pytest.raises(ValueError, match="margin must be greater than 0, got 0"):
        F.triplet_margin_loss(x, x, x, margin=0)
    with pytest.raises(ValueError, match="avg is not a valid value for reduction"):
        F.soft_margin_loss(x, x, reduction="avg")


# ---------------------------------------------------------------------------------------------
# attention
# ---------------------------------------------------------------------------------------------
SDPA_CASES = [  # name, query shape, kwargs, grad_fn
    ("4d", (2, 3, 4, 8), {}, "ScaledDotProductFlashAttentionForCpuBackward0"),
    ("causal", (2, 3, 4, 8), {"is_causal": True}, "ScaledDotProductFlashAttentionForCpuBackward0"),
    ("bool_mask", (2, 3, 4, 8), {"attn_mask": "bool"},
     "ScaledDotProductFlashAttentionForCpuBackward0"),
    ("float_mask", (2, 3, 4, 8), {"attn_mask": "float"},
     "ScaledDotProductFlashAttentionForCpuBackward0"),
    ("neg_scale", (2, 3, 4, 8), {"scale": -0.3}, "ScaledDotProductFlashAttentionForCpuBackward0"),
    ("3d", (3, 4, 8), {"scale": 0.5}, "UnsafeViewBackward0"),
]


def _sdpa_inputs(lib, shape, kwargs, dtype):
    rng = np.random.default_rng(7)
    q = rng.standard_normal(shape).astype(dtype)
    kv_shape = shape[:-2] + (5, shape[-1])
    k, v = (rng.standard_normal(kv_shape).astype(dtype) for _ in range(2))
    kw = dict(kwargs)
    if kw.get("attn_mask") == "bool":
        mask = rng.random((shape[-2], 5)) > 0.3
        mask[:, 0] = True
        kw["attn_mask"] = lib.tensor(mask)
    elif kw.get("attn_mask") == "float":
        kw["attn_mask"] = lib.tensor(rng.standard_normal((shape[-2], 5)).astype(dtype))
    return [lib.tensor(a, requires_grad=True) for a in (q, k, v)], kw


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,shape,kwargs,node", SDPA_CASES, ids=[c[0] for c in SDPA_CASES])
def test_sdpa_matches_torch(name, shape, kwargs, node, dtype):
    torch = pytest.importorskip("torch")
    es, ekw = _sdpa_inputs(engine, shape, kwargs, dtype)
    ts, tkw = _sdpa_inputs(torch, shape, kwargs, dtype)
    e = F.scaled_dot_product_attention(*es, **ekw)
    t = torch.nn.functional.scaled_dot_product_attention(*ts, **tkw)
    tol = 2e-6 if dtype == np.float32 else 1e-12
    _close(e, t, rtol=tol, atol=tol)
    assert _name(e) == node == _name(t)
    (e * e).sum().backward()
    (t * t).sum().backward()
    for a, b in zip(es, ts):
        _close(a.grad, b.grad, rtol=tol * 10, atol=tol * 10)


@pytest.mark.parametrize("name,shape,kwargs,node", SDPA_CASES, ids=[c[0] for c in SDPA_CASES])
def test_sdpa_gradcheck(name, shape, kwargs, node):
    small = shape[:-3] + (1, 3, 4) if len(shape) == 4 else (2, 3, 4)
    es, kw = _sdpa_inputs(engine, small, kwargs, np.float64)
    assert gradcheck(lambda *ts: F.scaled_dot_product_attention(*ts, **kw), tuple(es))


def test_sdpa_double_backward_and_errors():
    from engine.gradcheck import gradgradcheck

    es, _ = _sdpa_inputs(engine, (1, 2, 3, 4), {}, np.float64)
    assert gradgradcheck(lambda *ts: F.scaled_dot_product_attention(*ts), tuple(es))
    with pytest.raises(RuntimeError, match="Explicit attn_mask should not be set when "
                                           "is_causal=True"):
        F.scaled_dot_product_attention(*es, attn_mask=engine.ones(3, 5), is_causal=True)


def _mha_pair(torch, **kwargs):
    tm = torch.nn.MultiheadAttention(8, 2, **kwargs)
    em = nn.MultiheadAttention(8, 2, **kwargs)
    em.load_state_dict({k: engine.tensor(v.detach().numpy()) for k, v in tm.state_dict().items()})
    return em, tm


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("call", ["self", "self_no_weights", "per_head", "cross_masks",
                                  "cross_masks_no_weights", "unbatched"])
def test_multihead_attention_matches_torch(batch_first, bias, call):
    torch = pytest.importorskip("torch")
    em, tm = _mha_pair(torch, batch_first=batch_first, bias=bias)
    rng = np.random.default_rng(11)
    lq, lk, n = 4, 5, 3
    x = rng.standard_normal((n, lq, 8) if batch_first else (lq, n, 8)).astype(np.float32)
    y = rng.standard_normal((n, lk, 8) if batch_first else (lk, n, 8)).astype(np.float32)
    kpm = np.zeros((n, lk), bool)
    kpm[:, -1] = True
    am = np.triu(np.ones((lq, lk), bool), 1)

    def run(lib, m):
        xs, ys = lib.tensor(x, requires_grad=True), lib.tensor(y, requires_grad=True)
        if call == "self":
            out = m(xs, xs, xs)
        elif call == "self_no_weights":
            out = m(xs, xs, xs, need_weights=False)
        elif call == "per_head":
            out = m(xs, xs, xs, average_attn_weights=False)
        elif call == "unbatched":
            u = lib.tensor(x[0], requires_grad=True)
            xs = u
            out = m(u, u, u)
        else:
            out = m(xs, ys, ys, key_padding_mask=lib.tensor(kpm), attn_mask=lib.tensor(am),
                    need_weights=call == "cross_masks")
        (out[0] * out[0]).sum().backward()
        return out, xs

    (eo, ew), ex = run(engine, em)
    (to, tw), tx = run(torch, tm)
    _close(eo, to, rtol=2e-6, atol=2e-6)
    assert _name(eo) == _name(to)
    if tw is None:
        assert ew is None
    else:
        _close(ew, tw, rtol=2e-6, atol=2e-6)
        assert _name(ew) == _name(tw)
    _close(ex.grad, tx.grad, rtol=1e-5, atol=1e-5)
    _close(em.in_proj_weight.grad, tm.in_proj_weight.grad, rtol=1e-5, atol=1e-5)
    _close(em.out_proj.weight.grad, tm.out_proj.weight.grad, rtol=1e-5, atol=1e-5)


def test_multihead_attention_layout_repr_and_errors():
    torch = pytest.importorskip("torch")
    em, tm = _mha_pair(torch)
    assert repr(em) == repr(tm)
    assert [(k, tuple(v.shape)) for k, v in em.state_dict().items()] == \
        [(k, tuple(v.shape)) for k, v in tm.state_dict().items()]
    assert (em.head_dim, em.batch_first, em.bias_k) == (tm.head_dim, tm.batch_first, tm.bias_k)
    assert [n for n, _ in nn.MultiheadAttention(4, 2, bias=False).named_parameters()] == \
        ["in_proj_weight", "out_proj.weight"]
    with pytest.raises(AssertionError, match="embed_dim must be divisible by num_heads"):
        nn.MultiheadAttention(5, 2)
    m = nn.MultiheadAttention(8, 2, dtype=engine.float64)
    x = _leaf(np.sin(np.arange(24.0)).reshape(3, 1, 8))
    assert gradcheck(lambda t: m(t, t, t)[0], (x,))
