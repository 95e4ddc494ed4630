"""Numeric details where the engine follows PyTorch's CPU kernels to the bit: masking gradient
rules write a real 0 (never -0.), cumsum/cumprod accumulate float32 in double, var/std round the
double result once, p-norms and arange reproduce torch's kernels, linear with one input
feature rounds x * w + b once; plus nll_loss's target checks and linear's graph on non-2-D inputs.

Each topic has recorded PyTorch values (run always) and a comparison with a real PyTorch on
random inputs (skipped without it)."""
from __future__ import annotations

import numpy as np
import pytest

import engine
import engine.nn.functional as F
from engine.gradcheck import gradcheck, gradgradcheck

X = [-1.0, 2.0, 0.0, 3.0, 3.0]


def _bits(a) -> bytes:
    return np.ascontiguousarray(np.asarray(a)).tobytes()


def _same_bits(e, t) -> None:
    """Engine tensor `e` and torch tensor (or array) `t` hold the same bits, signed zeros too."""
    t = t.detach().numpy() if hasattr(t, "detach") else np.asarray(t)
    e = e.detach().numpy()
    assert e.dtype == t.dtype and e.shape == t.shape
    assert _bits(e) == _bits(t), f"\nengine {e!r}\ntorch  {t!r}"


# ---------------------------------------------------------------------------------------------
# masking rules give a real 0 where torch does (g * mask would give -0. for negative g)
# ---------------------------------------------------------------------------------------------
def _ops(m):
    """name -> f(module, x) for every rule that masks or zeros its gradient."""
    F_ = m.nn.functional
    return {
        "relu": lambda x: m.relu(x),
        "clamp": lambda x: x.clamp(0, 2.5),
        "clamp_max": lambda x: x.clamp(max=1),
        "clamp_min": lambda x: x.clamp(min=1),
        "where": lambda x: m.where(x > 0, x, m.zeros(5)),
        "where_other": lambda x: m.where(x > 0, m.zeros(5), x),
        "masked_fill": lambda x: x.masked_fill(x > 0, 1.0),
        "max": lambda x: x.max(),
        "min": lambda x: x.min(),
        "maximum": lambda x: m.maximum(x, m.full((5,), 2.0)),
        "minimum": lambda x: m.minimum(x, m.full((5,), 2.0)),
        "round": lambda x: m.round(x),
        "sign": lambda x: m.sign(x),
        "floor": lambda x: m.floor(x),
        "ceil": lambda x: x.ceil(),
        "trunc": lambda x: x.trunc(),
        "floor_divide": lambda x: m.div(x, 2.0, rounding_mode="floor"),
        "prod_two_zeros": lambda x: (x * 0 + m.tensor([0.0, 0.0, 1.0, 1.0, 1.0])).prod(),
        "prod_one_zero": lambda x: x.prod(),
        "prod_dim": lambda x: x.reshape(1, 5).expand(2, 5).prod(1).sum(),
        "hardswish": lambda x: F_.hardswish(x * 4),
        "hardsigmoid": lambda x: F_.hardsigmoid(x * 4),
    }


# x.grad after (f(x) * -2).sum().backward() with x = X, recorded from PyTorch 2.13 (str, so that
# the sign of each zero is part of the record).
RECORDED_GRADS = {
    "relu": ["0.0", "-2.0", "0.0", "-2.0", "-2.0"],
    "clamp": ["0.0", "-2.0", "-2.0", "0.0", "0.0"],
    "clamp_max": ["-2.0", "0.0", "-2.0", "0.0", "0.0"],
    "clamp_min": ["0.0", "-2.0", "0.0", "-2.0", "-2.0"],
    "where": ["0.0", "-2.0", "0.0", "-2.0", "-2.0"],
    "where_other": ["-2.0", "0.0", "-2.0", "0.0", "0.0"],
    "masked_fill": ["-2.0", "0.0", "-2.0", "0.0", "0.0"],
    "max": ["0.0", "0.0", "0.0", "-1.0", "-1.0"],
    "min": ["-2.0", "0.0", "0.0", "0.0", "0.0"],
    "maximum": ["0.0", "-1.0", "0.0", "-2.0", "-2.0"],
    "minimum": ["-2.0", "-1.0", "-2.0", "0.0", "0.0"],
    "round": ["0.0"] * 5,
    "sign": ["0.0"] * 5,
    "floor": ["0.0"] * 5,
    "ceil": ["0.0"] * 5,
    "trunc": ["0.0"] * 5,
    "floor_divide": ["0.0"] * 5,
    "prod_two_zeros": ["0.0"] * 5,
    "prod_one_zero": ["-0.0", "0.0", "36.0", "0.0", "0.0"],
    "prod_dim": ["0.0", "0.0", "72.0", "0.0", "0.0"],
    "hardswish": ["0.0", "-8.0", "-4.0", "-8.0", "-8.0"],
    "hardsigmoid": ["0.0", "0.0", "-1.3333333730697632", "0.0", "0.0"],
}


def _masked_grad(m, name: str) -> list[str]:
    x = m.tensor(X, requires_grad=True)
    (_ops(m)[name](x) * -2).sum().backward()
    return [str(v) for v in x.grad.tolist()]


@pytest.mark.parametrize("name", RECORDED_GRADS)
def test_masked_gradients_are_real_zeros(name):
    assert _masked_grad(engine, name) == RECORDED_GRADS[name]


@pytest.mark.parametrize("name", RECORDED_GRADS)
def test_masked_gradients_match_torch(name):
    torch = pytest.importorskip("torch")
    assert _masked_grad(engine, name) == _masked_grad(torch, name)


@pytest.mark.parametrize("name", ["relu", "sign", "floor_divide"])
def test_array_rules_give_real_zeros_with_and_without_create_graph(name):
    """These rules also run on bare numpy arrays (no create_graph), 0-dim ones included."""
    for shape in [(), (5,)]:
        for create_graph in (False, True):
            x = engine.tensor(np.full(shape, -1.0, np.float32), requires_grad=True)
            (g,) = engine.autograd.grad((_ops(engine)[name](x) * -2).sum(), x,
                                        create_graph=create_graph)
            assert not np.signbit(g.detach().numpy()).any()


def test_trace_gradient_is_zero_off_the_diagonal():
    a = engine.ones(2, 3, requires_grad=True)
    (a.trace() * -2).backward()
    assert [str(v) for v in a.grad.flatten().tolist()] == [  # recorded from PyTorch
        "-2.0", "0.0", "0.0", "0.0", "-2.0", "0.0"]
    x = engine.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=engine.float64, requires_grad=True)
    assert gradcheck(lambda u: u.trace() * u, (x,))


def test_masking_rules_stay_differentiable():
    a = engine.tensor([0.3, -0.7, 1.1, 1.1], dtype=engine.float64, requires_grad=True)
    b = engine.tensor([0.5, -0.2, 1.3, 0.4], dtype=engine.float64, requires_grad=True)
    assert gradcheck(lambda u, v: engine.maximum(u, v) * u, (a, b))
    assert gradcheck(lambda u, v: engine.minimum(u, v) * v, (a, b))
    assert gradcheck(lambda u: u.clamp(-0.5, 1.0) * u, (a,))
    assert gradcheck(lambda u: engine.relu(u) * u, (a,))
    assert gradcheck(lambda u: engine.where(u > 0, u * u, -u), (a,))
    assert gradgradcheck(lambda u: engine.relu(u) * u * u, (a,))
    assert gradgradcheck(lambda u, v: engine.maximum(u, v) * u * v, (a, b))


def test_prod_gradient_with_zeros_is_differentiable():
    one_zero = engine.tensor([[0.5, 0.0, -1.5], [2.0, 0.7, 0.0]], dtype=engine.float64,
                             requires_grad=True)
    two_zeros = engine.tensor([0.5, 0.0, -1.5, 0.0], dtype=engine.float64, requires_grad=True)
    for x in (one_zero, two_zeros):
        assert gradcheck(lambda u: u.prod(), (x,))
        assert gradgradcheck(lambda u: u.prod(), (x,))
        assert gradcheck(lambda u: u.prod(-1), (x,))
        assert gradgradcheck(lambda u: u.prod(0, keepdim=True), (x,))


def test_prod_and_max_of_two_match_torch_on_random_inputs():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    for _ in range(20):
        a = np.round(rng.normal(size=(4, 5)), 1).astype(np.float32)
        a[rng.random((4, 5)) < 0.3] = 0
        b = np.round(rng.normal(size=(4, 5)), 1).astype(np.float32)
        g = rng.normal(size=(4, 5)).astype(np.float32)
        cases = {
            "maximum": (lambda m, x, y: m.maximum(x, y), (4, 5)),
            "minimum": (lambda m, x, y: m.minimum(x, y), (4, 5)),
            "prod": (lambda m, x, y: x.prod() * y.sum(), ()),
            "prod0": (lambda m, x, y: x.prod(0) * y[0], (5,)),
            "prod1": (lambda m, x, y: x.prod(1, keepdim=True) * y, (4, 5)),
        }
        for fn, shape in cases.values():
            grads = []
            for m in (engine, torch):
                x, y = m.tensor(a, requires_grad=True), m.tensor(b, requires_grad=True)
                fn(m, x, y).backward(m.tensor(g[:shape[0], :shape[1]] if len(shape) == 2
                                              else g[0, :shape[0]] if shape else g[0, 0]))
                grads.append((x.grad, y.grad))
            _same_bits(grads[0][0], grads[1][0])
            _same_bits(grads[0][1], grads[1][1])


# ---------------------------------------------------------------------------------------------
# cumsum / cumprod: float32 accumulated in double, each running value rounded
# ---------------------------------------------------------------------------------------------
def test_cumsum_accumulates_float32_in_double():
    c = engine.full((1000,), 0.01).cumsum(0)
    assert c[-1].item() == 10.0 and c[499].item() == 5.0  # recorded from PyTorch
    assert engine.full((30,), 1.01).cumprod(0)[-1].item() == 1.3478485345840454
    # the running sum starts from +0.: a run of -0. sums to 0.
    assert not np.signbit(engine.tensor([-0.0, -0.0]).cumsum(0).numpy()).any()
    assert np.signbit(engine.tensor([-0.0, -0.0]).cumprod(0).numpy()).tolist() == [True, False]


def test_cumprod_gradient_with_zeros():
    x = engine.tensor([2.0, 0.0, 3.0, 4.0, 0.0, 5.0], requires_grad=True)
    x.cumprod(0).backward(engine.tensor([1.0, -2.0, 3.0, 0.5, 1.0, 1.0]))
    assert x.grad.tolist() == [1.0, 26.0, 0.0, 0.0, 0.0, 0.0]  # recorded from PyTorch
    d = engine.tensor([[0.5, 0.0, 2.0, 3.0, 0.0, 4.0], [0.0, 1.5, -1.0, 2.0, 0.5, 1.0]],
                      dtype=engine.float64, requires_grad=True)
    assert gradcheck(lambda u: u.cumprod(1), (d,)) and gradgradcheck(lambda u: u.cumprod(1), (d,))


def test_cumsum_cumprod_match_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    for dtype in (np.float32, np.float64, np.int32):
        for shape, dim in [((1000,), 0), ((7, 300), 1), ((40, 6), 0), ((3, 4, 5), -2)]:
            a = rng.normal(1.0, 0.05, size=shape)
            a = (a * 10).astype(dtype) if dtype == np.int32 else a.astype(dtype)
            for op in ("cumsum", "cumprod"):
                _same_bits(getattr(engine.tensor(a), op)(dim), getattr(torch.tensor(a), op)(dim))
    for shape, dim in [((6,), 0), ((4, 7), 1), ((7, 4), 0), ((3, 5, 6), -1), ((1, 5), 0)]:
        for dtype in (np.float32, np.float64):
            a = rng.normal(size=shape).astype(dtype)
            a[rng.random(shape) < 0.3] = 0  # the gradient with zeros has its own algorithm
            g = rng.normal(size=shape).astype(dtype)
            grads = []
            for m in (engine, torch):
                x = m.tensor(a, requires_grad=True)
                x.cumprod(dim).backward(m.tensor(g))
                grads.append(x.grad)
            _same_bits(*grads)
    a = rng.normal(size=(4, 6)).astype(np.float32)
    g = rng.normal(size=(4, 6)).astype(np.float32)
    grads = []
    for m in (engine, torch):
        x = m.tensor(a, requires_grad=True)
        (x.cumsum(1) * m.tensor(g)).sum().backward()
        (x.cumprod(0) * m.tensor(g)).sum().backward()
        grads.append(x.grad)
    _same_bits(*grads)


# ---------------------------------------------------------------------------------------------
# var / std / var_mean / std_mean
# ---------------------------------------------------------------------------------------------
def test_std_is_the_square_root_of_the_double_variance_rounded_once():
    xs = engine.linspace(-3, 3, 100)
    assert xs.std().item() == 1.7582721710205078  # recorded from PyTorch
    assert xs.var().item() == 3.0915212631225586
    assert ((xs - xs.mean()) / xs.std()).std().item() == 1.0
    s, m = engine.std_mean(xs)
    assert (s.item(), m.item()) == (1.7582721710205078, 1.1102230246251565e-16)
    v, m = engine.var_mean(xs.reshape(10, 10), 1)
    assert v.tolist()[:3] == [0.03367004171013832, 0.03367004171013832, 0.033670034259557724]
    assert m.tolist()[:3] == [-2.7272727489471436, -2.1212120056152344, -1.5151515007019043]
    assert xs.reshape(4, 25).std(1)[0].item() == 0.4460485577583313


def test_var_std_edge_cases():
    one = engine.tensor([2.0])
    assert np.isnan(one.var().item()) and one.var(unbiased=False).item() == 0.0
    assert np.isnan(engine.zeros(0).std().item())
    assert engine.zeros(0, 3).var(0).shape == (3,)
    assert engine.ones(2, 3).var(1, keepdim=True).shape == (2, 1)
    x = engine.tensor([[1.0, 2.0], [4.0, 8.0]], dtype=engine.float64, requires_grad=True)
    assert gradcheck(lambda u: u.std(0), (x,)) and gradcheck(lambda u: u.var(), (x,))
    assert gradcheck(lambda u: engine.std_mean(u, 1)[0] + engine.std_mean(u, 1)[1], (x,))
    v, m = engine.var_mean(x, 0)
    assert v.grad_fn.name() == m.grad_fn.name() == "VarMeanBackward0"


def test_var_std_match_torch_bits():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(5)
    shapes = [(7,), (100,), (1000,), (3, 50), (4, 5, 6), (33, 17), (1, 40)]
    for shape in shapes:
        for _ in range(4):
            a = rng.normal(size=shape) * rng.choice([1e-3, 1, 1e3]) + rng.choice([0, 5, 1e4])
            for dtype in (np.float32, np.float64):
                e, t = engine.tensor(a.astype(dtype)), torch.tensor(a.astype(dtype))
                calls = [lambda m, x: x.var(), lambda m, x: x.std(),
                         lambda m, x: x.std(correction=0), lambda m, x: m.var_mean(x),
                         lambda m, x: m.std_mean(x, unbiased=False)]
                if len(shape) > 1:
                    calls += [lambda m, x: x.var(0), lambda m, x: x.std(-1, keepdim=True),
                              lambda m, x: m.var_mean(x, 1), lambda m, x: m.std_mean(x, 0),
                              lambda m, x: x.var(dim=(0, 1))]
                for call in calls:
                    got, want = call(engine, e), call(torch, t)
                    for g, w in zip(*(r if isinstance(r, tuple) else (r,) for r in (got, want))):
                        _same_bits(g, w)


def _rounded_normal(n: int, seed: int):
    return np.round(np.random.default_rng(seed).normal(size=n), 2).astype(np.float32)


def test_norm_follows_torchs_kernels():
    # recorded from PyTorch: 2-norms of round(normal(n), 2) with seed s (vectorised kernel: 8
    # lanes, then 4 rounded squares, then fused multiply-adds), and a sequential 1-norm
    for n, seed, want in [(12, 1, 2.1839182376861572), (13, 1, 2.3058834075927734),
                          (15, 1, 2.360741138458252), (100, 6, 9.480865478515625)]:
        assert engine.tensor(_rounded_normal(n, seed)).norm().item() == want
    assert engine.linspace(-3, 3, 100).norm(1).item() == 151.51515197753906
    assert engine.tensor(_rounded_normal(100, 3)).norm(3).item() == 5.918753147125244
    # nothing to reduce: |x| (no overflow in x * x), the count of non-zeros for p=0
    assert engine.tensor([1e30]).norm().item() == 1.0000000150474662e30
    assert engine.tensor([[5.0, 0.0]]).norm(0, dim=0).tolist() == [1.0, 0.0]
    assert engine.linspace(-3, 3, 100).reshape(10, 10).norm(dim=1)[:3].tolist() == [
        8.64194393157959, 6.730411529541016, 4.822848796844482]
    x = engine.tensor([[3.0, 4.0], [0.0, 0.0]], dtype=engine.float64, requires_grad=True)
    assert engine.linalg.vector_norm(x[0]).item() == 5.0
    assert gradcheck(lambda u: u.norm(dim=1) + u.norm(1, dim=-1), (x[:1],))


def test_norm_matches_torch_bits():
    """Bit for bit, except float32 norms with p other than 1 and 2: torch raises to p with the C
    library's powf, 1 ulp off the correctly rounded power the engine computes once in a while."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(8)
    for shape in [(1,), (5,), (13,), (100,), (1001,), (3, 50), (4, 5, 6), (33, 17)]:
        for _ in range(3):
            a = rng.normal(size=shape) * rng.choice([1e-3, 1, 1e3])
            for dtype in (np.float32, np.float64):
                e, t = engine.tensor(a.astype(dtype)), torch.tensor(a.astype(dtype))
                calls = [lambda m, x: x.norm(), lambda m, x: x.norm(1),
                         lambda m, x: m.linalg.vector_norm(x)]
                general = [lambda m, x: x.norm(3), lambda m, x: m.linalg.vector_norm(x, 0.5)]
                if len(shape) > 1:
                    calls += [lambda m, x: x.norm(dim=-1), lambda m, x: x.norm(dim=0),
                              lambda m, x: x.norm(1, dim=-1, keepdim=True),
                              lambda m, x: m.linalg.vector_norm(x, dim=(-2, -1))]
                    general += [lambda m, x: x.norm(3, dim=0), lambda m, x: x.norm(-1.5, dim=-1)]
                for call in calls + (general if dtype == np.float64 else []):
                    _same_bits(call(engine, e), call(torch, t))
                for call in general if dtype == np.float32 else []:
                    np.testing.assert_allclose(call(engine, e).numpy(), call(torch, t).numpy(),
                                               rtol=5e-7, atol=0)


# ---------------------------------------------------------------------------------------------
# arange with a fractional step
# ---------------------------------------------------------------------------------------------
def test_arange_follows_torchs_vectorised_kernel():
    assert engine.arange(0, 3, 0.1)[9].item() == 0.9000000357627869  # recorded from PyTorch
    d = engine.arange(-1, 1, 0.1, dtype=engine.float64)
    assert (d[10].item(), d[11].item()) == (5.551115123125783e-17, 0.10000000000000006)
    assert engine.arange(0, 3, 0.1).shape == (30,)
    assert engine.arange(10, 0, -3).tolist() == [10, 7, 4, 1]
    assert engine.arange(5).dtype == engine.int64 and engine.arange(0, 1, 0.25).tolist() == [
        0.0, 0.25, 0.5, 0.75]


def test_arange_matches_torch_bits():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    cases = [(0, 3, 0.1), (-1, 1, 0.1), (0.5, 10.3, 0.37), (0, 100, 0.3), (-5, 5, 1 / 3),
             (0, -3, -0.1), (0.1, 1000.1, 0.7), (0, 10, 1)]
    for _ in range(400):
        start = rng.uniform(-10, 10) * rng.choice([1, 0.01, 100, 1e5])
        step = rng.uniform(1e-4, 2) * rng.choice([1, -1]) * rng.choice([1, 1e-3, 10])
        end = start + step * rng.integers(1, 300) + rng.uniform(-0.5, 0.5) * step
        cases.append((float(start), float(end), float(step)))
    for start, end, step in cases:
        for dt in ("float32", "float64"):
            _same_bits(engine.arange(start, end, step, dtype=getattr(engine, dt)),
                       torch.arange(start, end, step, dtype=getattr(torch, dt)))


# ---------------------------------------------------------------------------------------------
# nll_loss / cross_entropy target checks
# ---------------------------------------------------------------------------------------------
def _error(fn) -> str:
    try:
        fn()
    except (RuntimeError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def _target_cases(m):
    F_ = m.nn.functional
    x1, x2, x3, x4 = m.zeros(4), m.zeros(3, 4), m.zeros(3, 4, 5), m.zeros(3, 4, 5, 6)
    i32 = m.int32
    return {
        "ce int32": lambda: F_.cross_entropy(x2, m.tensor([1, 0, 2], dtype=i32)),
        "nll int32": lambda: F_.nll_loss(x2, m.tensor([1, 0, 2], dtype=i32)),
        "ce int8": lambda: F_.cross_entropy(x2, m.tensor([1, 0, 2], dtype=m.int8)),
        "ce bool": lambda: F_.cross_entropy(x2, m.tensor([True, False, True])),
        "ce uint8": lambda: F_.cross_entropy(x2, m.tensor([1, 0, 2], dtype=m.uint8)),
        "nll float": lambda: F_.nll_loss(x2, m.tensor([1.0, 0.0, 2.0])),
        "ce 3d int32": lambda: F_.cross_entropy(x3, m.zeros(3, 5, dtype=i32)),
        "ce 2d target": lambda: F_.cross_entropy(x2, m.zeros(3, 1, dtype=m.int64)),
        "nll 2d target int32": lambda: F_.nll_loss(x2, m.zeros(3, 1, dtype=i32)),
        "ce batch": lambda: F_.cross_entropy(x2, m.zeros(4, dtype=m.int64)),
        "ce 0d target": lambda: F_.cross_entropy(x2, m.tensor(0)),
        "ce 1d input, [1] target": lambda: F_.cross_entropy(x1, m.tensor([1])),
        "ce 1d input, [2] target": lambda: F_.cross_entropy(x1, m.tensor([1, 2])),
        "ce 1d input, 2d target": lambda: F_.cross_entropy(x1, m.zeros(1, 1, dtype=m.int64)),
        "ce 3d bad": lambda: F_.cross_entropy(x3, m.zeros(3, 4, dtype=m.int64)),
        "ce 4d target dims": lambda: F_.cross_entropy(x4, m.zeros(3, 5, dtype=m.int64)),
        "ce 4d size": lambda: F_.cross_entropy(x4, m.zeros(3, 5, 5, dtype=m.int64)),
    }


RECORDED_TARGET_ERRORS = {  # from PyTorch 2.13
    "ce int32": "RuntimeError: expected target dtype to be Long or Byte, but got Int",
    "nll int32": "RuntimeError: expected target dtype to be Long or Byte, but got Int",
    "ce int8": "RuntimeError: expected target dtype to be Long or Byte, but got Char",
    "ce bool": "RuntimeError: expected target dtype to be Long or Byte, but got Bool",
    "ce uint8": "ok",
    "nll float": "RuntimeError: expected target dtype to be Long or Byte, but got Float",
    "ce 3d int32": "RuntimeError: expected target dtype to be Long or Byte, but got Int",
    "ce 2d target": "RuntimeError: 0D or 1D target tensor expected, multi-target not supported",
    "nll 2d target int32":
        "RuntimeError: 0D or 1D target tensor expected, multi-target not supported",
    "ce batch": "ValueError: Expected input batch_size (3) to match target batch_size (4).",
    "ce 0d target": "ValueError: Expected input batch_size (3) to match target batch_size (0).",
    "ce 1d input, [1] target": "ok",
    "ce 1d input, [2] target":
        "ValueError: For 1D input, 1D target must have size 1, but got target size: 2",
    "ce 1d input, 2d target":
        "RuntimeError: 0D or 1D target tensor expected, multi-target not supported",
    "ce 3d bad": "RuntimeError: Expected target size [3, 5], got [3, 4]",
    "ce 4d target dims": "RuntimeError: only batches of spatial targets supported (3D tensors) "
                         "but got targets of dimension: 2",
    "ce 4d size": "RuntimeError: size mismatch (got input: [3, 4, 5, 6] , target: [3, 5, 5]",
}


@pytest.mark.parametrize("name", RECORDED_TARGET_ERRORS)
def test_loss_target_checks(name):
    assert _error(_target_cases(engine)[name]) == RECORDED_TARGET_ERRORS[name]


def test_loss_target_checks_match_torch():
    torch = pytest.importorskip("torch")
    mine, theirs = _target_cases(engine), _target_cases(torch)
    for name in mine:
        assert _error(mine[name]) == _error(theirs[name]), name


def test_one_element_target_for_one_sample():
    x = engine.tensor([0.2, 1.5, -0.3], requires_grad=True)
    loss = F.cross_entropy(x, engine.tensor([1]))
    assert loss.shape == () and loss.item() == F.cross_entropy(x, engine.tensor(1)).item()


# ---------------------------------------------------------------------------------------------
# linear: addmm + view for non-2-D inputs, a fused multiply-add with one input feature
# ---------------------------------------------------------------------------------------------
def _linear_graph(m, x):
    w = m.ones(3, 4, requires_grad=True)
    b = m.ones(3, requires_grad=True)
    y = m.nn.functional.linear(x, w, b)
    return (tuple(y.shape), y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())


def _linear_inputs(m):
    return [m.ones(4), m.ones(2, 5, 4), m.ones(2, 3, 5, 4), m.ones(2, 4, 5).transpose(1, 2)]


RECORDED_LINEAR_GRAPHS = [  # from PyTorch 2.13
    ((3,), "ViewBackward0", "AddmmBackward0"),
    ((2, 5, 3), "ViewBackward0", "AddmmBackward0"),
    ((2, 3, 5, 3), "ViewBackward0", "AddmmBackward0"),
    ((2, 5, 3), "AddBackward0", "UnsafeViewBackward0"),  # not contiguous: matmul, then add
]


def test_linear_on_non_2d_inputs_is_addmm_and_view():
    assert [_linear_graph(engine, x) for x in _linear_inputs(engine)] == RECORDED_LINEAR_GRAPHS
    w = engine.ones(3, 4, requires_grad=True)
    assert F.linear(engine.ones(4), w, engine.tensor(1.0)).grad_fn.name() == "AddBackward0"
    with pytest.raises(RuntimeError, match=r"\(6x5 and 4x3\)"):
        F.linear(engine.ones(2, 3, 5), w, engine.ones(3))
    x = engine.tensor(np.linspace(-1, 1, 24).reshape(2, 3, 4), dtype=engine.float64,
                      requires_grad=True)
    wd = engine.tensor(np.linspace(0.5, -0.5, 12).reshape(3, 4), dtype=engine.float64,
                       requires_grad=True)
    bd = engine.tensor([0.1, 0.2, 0.3], dtype=engine.float64, requires_grad=True)
    assert gradcheck(F.linear, (x, wd, bd)) and gradcheck(F.linear, (x[0, 0], wd, bd))


def test_linear_with_one_input_feature_rounds_once():
    x = engine.tensor([[0.1], [0.7], [-1.3]])
    w = engine.tensor([[0.3], [1.1]])
    b = engine.tensor([0.2, -0.5])
    assert F.linear(x, w, b).tolist() == [  # recorded from PyTorch: x * w + b rounded once
        [0.23000000417232513, -0.38999998569488525], [0.4099999964237213, 0.27000001072883606],
        [-0.1899999976158142, -1.9299999475479126]]
    # one row or one output: torch's gemv rounds the product first
    assert F.linear(x[1:2], w, b).tolist() == [[0.4100000262260437, 0.26999998092651367]]


def test_linear_matches_torch():
    torch = pytest.importorskip("torch")
    assert [_linear_graph(torch, x) for x in _linear_inputs(torch)] == RECORDED_LINEAR_GRAPHS
    rng = np.random.default_rng(5)
    for (n, k, out) in [(1600, 1, 1), (40, 1, 40), (1, 1, 50), (64, 1, 16), (3, 1, 2), (7, 5, 3)]:
        for dtype in (np.float32, np.float64):
            x, w, b = (rng.normal(size=s).astype(dtype) for s in ((n, k), (out, k), (out,)))
            ys = [m.nn.functional.linear(m.tensor(x), m.tensor(w), m.tensor(b))
                  for m in (engine, torch)]
            if k == 1:
                _same_bits(*ys)
            else:
                np.testing.assert_allclose(ys[0].numpy(), ys[1].numpy(), rtol=1e-5, atol=1e-6)
    a = rng.normal(size=(2, 3, 4)).astype(np.float32)
    grads = []
    for m in (engine, torch):
        x = m.tensor(a, requires_grad=True)
        m.nn.functional.linear(x, m.tensor(np.ones((2, 4), np.float32)),
                               m.tensor([0.5, -0.5])).sum().backward()
        grads.append(x.grad)
    _same_bits(*grads)
