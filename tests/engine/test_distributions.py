"""torch.distributions on the engine: log_prob, cdf, icdf, entropy, moments and KL divergences
with their gradients against PyTorch on many parameter values (float32), shapes and sampling
(the streams differ from PyTorch's, so samples are checked by shape and statistics),
rsample gradients, reprs, validation messages, gradcheck in float64 for the new linalg ops and
the standard-gamma gradient."""
from __future__ import annotations

import math

import numpy as np
import pytest

import engine
import engine.distributions as D
from engine.gradcheck import gradcheck

RNG = np.random.default_rng(496)
N = 64  # parameter values per distribution


def _pos(*shape) -> np.ndarray:
    return RNG.uniform(0.2, 4.0, shape).astype(np.float32)


def _real(*shape) -> np.ndarray:
    return RNG.normal(0.0, 2.0, shape).astype(np.float32)


def _unit(*shape) -> np.ndarray:
    return RNG.uniform(0.02, 0.98, shape).astype(np.float32)


def _spd(n: int) -> np.ndarray:
    a = RNG.normal(size=(n, n))
    return (a @ a.T + n * np.eye(n)).astype(np.float32)


# name -> (builder(module, params) -> distribution, params (name -> array), value array)
def _cases():
    k = 5
    probs = RNG.uniform(0.05, 1.0, (N, k)).astype(np.float32)
    cov = np.stack([_spd(3) for _ in range(8)])
    low = _real(N)
    return {
        "Normal": (lambda M, p: M.Normal(p["loc"], p["scale"]),
                   {"loc": _real(N), "scale": _pos(N)}, _real(N)),
        "Bernoulli_probs": (lambda M, p: M.Bernoulli(probs=p["probs"]), {"probs": _unit(N)},
                            RNG.integers(0, 2, N).astype(np.float32)),
        "Bernoulli_logits": (lambda M, p: M.Bernoulli(logits=p["logits"]),
                             {"logits": _real(N)}, RNG.integers(0, 2, N).astype(np.float32)),
        "Categorical_probs": (lambda M, p: M.Categorical(probs=p["probs"]), {"probs": probs},
                              RNG.integers(0, k, N).astype(np.float32)),
        "Categorical_logits": (lambda M, p: M.Categorical(logits=p["logits"]),
                               {"logits": _real(N, k)}, RNG.integers(0, k, N).astype(np.float32)),
        "Uniform": (lambda M, p: M.Uniform(p["low"], p["high"]),
                    {"low": low, "high": low + _pos(N)}, low + 0.1),
        "Beta": (lambda M, p: M.Beta(p["a"], p["b"]), {"a": _pos(N), "b": _pos(N)}, _unit(N)),
        "Gamma": (lambda M, p: M.Gamma(p["concentration"], p["rate"]),
                  {"concentration": _pos(N), "rate": _pos(N)}, _pos(N)),
        "Exponential": (lambda M, p: M.Exponential(p["rate"]), {"rate": _pos(N)}, _pos(N)),
        "Poisson": (lambda M, p: M.Poisson(p["rate"]), {"rate": _pos(N)},
                    RNG.integers(0, 8, N).astype(np.float32)),
        "Binomial_probs": (lambda M, p: M.Binomial(10, probs=p["probs"]), {"probs": _unit(N)},
                           RNG.integers(0, 11, N).astype(np.float32)),
        "Binomial_logits": (lambda M, p: M.Binomial(7, logits=p["logits"]), {"logits": _real(N)},
                            RNG.integers(0, 8, N).astype(np.float32)),
        "Laplace": (lambda M, p: M.Laplace(p["loc"], p["scale"]),
                    {"loc": _real(N), "scale": _pos(N)}, _real(N)),
        "LogNormal": (lambda M, p: M.LogNormal(p["loc"], p["scale"]),
                      {"loc": _real(N) / 2, "scale": _pos(N)}, _pos(N)),
        "Dirichlet": (lambda M, p: M.Dirichlet(p["concentration"]),
                      {"concentration": _pos(N, k)}, probs / probs.sum(-1, keepdims=True)),
        "MVN_cov": (lambda M, p: M.MultivariateNormal(p["loc"], covariance_matrix=p["cov"]),
                    {"loc": _real(8, 3), "cov": cov}, _real(8, 3)),
        "MVN_tril": (lambda M, p: M.MultivariateNormal(p["loc"], scale_tril=p["tril"]),
                     {"loc": _real(8, 3), "tril": np.linalg.cholesky(cov).astype(np.float32)},
                     _real(4, 8, 3)),
        "MVN_precision": (lambda M, p: M.MultivariateNormal(p["loc"],
                                                            precision_matrix=p["prec"]),
                          {"loc": _real(8, 3), "prec": cov}, _real(8, 3)),
        "Independent": (lambda M, p: M.Independent(M.Normal(p["loc"], p["scale"]), 1),
                        {"loc": _real(8, 4), "scale": _pos(8, 4)}, _real(8, 4)),
        "OneHotCategorical": (lambda M, p: M.OneHotCategorical(probs=p["probs"]),
                              {"probs": probs},
                              np.eye(k, dtype=np.float32)[RNG.integers(0, k, N)]),
    }


CASES = _cases()


def _build(M, case, requires_grad: bool):
    builder, params, _ = case
    lib = engine if M is D else pytest.importorskip("torch")
    ts = {name: lib.tensor(v, requires_grad=requires_grad) for name, v in params.items()}
    return builder(M, ts), ts


def _close(e, t, rtol=1e-6, atol=1e-6):
    np.testing.assert_allclose(np.asarray(e.detach().numpy(), dtype=np.float64),
                               np.asarray(t.detach().numpy(), dtype=np.float64),
                               rtol=rtol, atol=atol, equal_nan=True)


def _grads_close(e_params, t_params, rtol=1e-5, atol=1e-6):
    for name in e_params:
        eg, tg = e_params[name].grad, t_params[name].grad
        assert (eg is None) == (tg is None), name
        if tg is not None:
            _close(eg, tg, rtol=rtol, atol=atol)


@pytest.mark.parametrize("name", sorted(CASES))
def test_log_prob_and_gradients_match_torch(name):
    torch = pytest.importorskip("torch")
    case = CASES[name]
    de, pe = _build(D, case, True)
    dt, pt = _build(torch.distributions, case, True)
    value = case[2]
    ve = engine.tensor(value, requires_grad=value.dtype.kind == "f" and "Categorical" not in name)
    vt = torch.tensor(value, requires_grad=ve.requires_grad)
    le, lt = de.log_prob(ve), dt.log_prob(vt)
    assert tuple(le.shape) == tuple(lt.shape)
    assert type(le.grad_fn).__name__ == type(lt.grad_fn).__name__
    _close(le, lt, rtol=2e-6, atol=2e-6)
    w = RNG.standard_normal(tuple(lt.shape)).astype(np.float32)
    (le * engine.tensor(w)).sum().backward()
    (lt * torch.tensor(w)).sum().backward()
    _grads_close(pe, pt, rtol=2e-5, atol=2e-5)
    if vt.grad is not None and name not in ("Poisson", "Binomial_probs", "Binomial_logits",
                                            "Bernoulli_probs", "Bernoulli_logits"):
        _close(ve.grad, vt.grad, rtol=2e-5, atol=2e-5)


@pytest.mark.parametrize("name", sorted(CASES))
def test_entropy_and_moments_match_torch(name):
    torch = pytest.importorskip("torch")
    case = CASES[name]
    de, pe = _build(D, case, True)
    dt, pt = _build(torch.distributions, case, True)
    assert de.batch_shape == dt.batch_shape and de.event_shape == dt.event_shape
    assert repr(de) == repr(dt)
    for prop in ("mean", "variance", "stddev", "mode"):
        try:
            t = getattr(dt, prop)
        except NotImplementedError:
            continue
        _close(getattr(de, prop), t, rtol=2e-6, atol=2e-6)
    try:
        ht = dt.entropy()
    except NotImplementedError:
        with pytest.raises(NotImplementedError):
            de.entropy()
        return
    he = de.entropy()
    _close(he, ht, rtol=2e-6, atol=2e-6)
    he.sum().backward()
    ht.sum().backward()
    # Binomial's entropy sums p*log p over the whole support: float32 noise accumulates
    _grads_close(pe, pt, rtol=1e-4 if name.startswith("Binomial") else 1e-5)


CDF_CASES = ["Normal", "Uniform", "Exponential", "Laplace", "LogNormal", "Gamma"]


@pytest.mark.parametrize("name", CDF_CASES)
def test_cdf_icdf_match_torch(name):
    torch = pytest.importorskip("torch")
    case = CASES[name]
    de, pe = _build(D, case, True)
    dt, pt = _build(torch.distributions, case, True)
    value = case[2]
    _close(de.cdf(engine.tensor(value)), dt.cdf(torch.tensor(value)), rtol=2e-6, atol=2e-6)
    if name == "Gamma":  # no icdf in PyTorch
        return
    q = _unit(N)
    ie, it = de.icdf(engine.tensor(q)), dt.icdf(torch.tensor(q))
    _close(ie, it, rtol=1e-5, atol=1e-5)
    ie.sum().backward()
    it.sum().backward()
    _grads_close(pe, pt, rtol=1e-4, atol=1e-5)


KL_PAIRS = [
    ("Normal", "Normal"), ("Bernoulli_probs", "Bernoulli_logits"),
    ("Categorical_probs", "Categorical_logits"), ("Uniform", "Uniform"), ("Beta", "Beta"),
    ("Gamma", "Gamma"), ("Exponential", "Exponential"), ("Poisson", "Poisson"),
    ("Laplace", "Laplace"), ("MVN_cov", "MVN_tril"), ("Dirichlet", "Dirichlet"),
    ("Independent", "Independent"), ("LogNormal", "LogNormal"),
    ("OneHotCategorical", "OneHotCategorical"), ("Normal", "Laplace"), ("Exponential", "Gamma"),
    ("Gamma", "Normal"), ("Uniform", "Normal"), ("Binomial_probs", "Binomial_probs"),
]


def _other(name: str) -> tuple:
    """A second parameter set of the same family (the q of a KL pair)."""
    builder, params, value = CASES[name]
    shift = {k: (v * np.float32(1.3) if k not in ("loc", "logits", "low", "probs") else
                 v * np.float32(0.7) if k == "probs" else v + 0.5)
             for k, v in params.items()}
    if name == "Uniform":  # q must cover p for a finite KL
        shift = {"low": params["low"] - 1, "high": params["high"] + 1}
    if name.startswith("Categorical") or name == "OneHotCategorical":
        shift = {k: v[::-1].copy() for k, v in params.items()}
    if name.startswith("MVN"):
        shift = {k: (v[::-1].copy()) for k, v in params.items()}
    return builder, shift, value


@pytest.mark.parametrize("p_name,q_name", KL_PAIRS, ids=[f"{a}-{b}" for a, b in KL_PAIRS])
def test_kl_divergence_matches_torch(p_name, q_name):
    torch = pytest.importorskip("torch")
    p_case = CASES[p_name]
    q_case = _other(q_name) if p_name == q_name else CASES[q_name]
    pe, ppe = _build(D, p_case, True)
    pt, ppt = _build(torch.distributions, p_case, True)
    qe, qpe = _build(D, q_case, True)
    qt, qpt = _build(torch.distributions, q_case, True)
    ke = D.kl_divergence(pe, qe)
    kt = torch.distributions.kl_divergence(pt, qt)
    _close(ke, kt, rtol=1e-5, atol=2e-6)
    ke.sum().backward()
    kt.sum().backward()
    _grads_close(ppe, ppt, rtol=1e-4, atol=1e-5)
    _grads_close(qpe, qpt, rtol=1e-4, atol=1e-5)


def test_kl_not_implemented_and_registry():
    with pytest.raises(NotImplementedError,
                       match="^No KL\\(p \\|\\| q\\) is implemented for p type Normal and q type "
                             "Categorical$"):
        D.kl_divergence(D.Normal(0.0, 1.0), D.Categorical(probs=engine.tensor([0.5, 0.5])))
    assert engine.distributions.kl.kl_divergence is D.kl_divergence

    class MyNormal(D.Normal):
        pass

    @D.register_kl(MyNormal, MyNormal)
    def _kl(p, q):
        return engine.tensor(42.0)

    assert D.kl_divergence(MyNormal(0.0, 1.0), MyNormal(1.0, 1.0)).item() == 42.0
    # a subclass of a registered pair falls back to its parent's rule
    assert D.kl_divergence(MyNormal(0.0, 1.0), D.Normal(0.0, 1.0)).item() == 0.0


# ---------------------------------------------------------------------------------------------
# Sampling: shapes, dtypes, statistics, reparameterisation gradients
# ---------------------------------------------------------------------------------------------
SAMPLE_CASES = sorted(CASES)


@pytest.mark.parametrize("name", SAMPLE_CASES)
def test_sample_shapes_and_support(name):
    engine.manual_seed(0)
    d, _ = _build(D, CASES[name], False)
    s = d.sample((3, 2))
    assert tuple(s.shape) == (3, 2) + tuple(d.batch_shape) + tuple(d.event_shape)
    assert not s.requires_grad
    assert bool(d.support.check(s).all())
    assert d.sample().shape == d.batch_shape + d.event_shape


def test_sample_statistics():
    engine.manual_seed(1)
    n = 20000
    checks = [
        (D.Normal(engine.tensor(1.5), engine.tensor(2.0)), 1.5, 4.0),
        (D.Bernoulli(probs=engine.tensor(0.3)), 0.3, 0.21),
        (D.Uniform(engine.tensor(-1.0), engine.tensor(3.0)), 1.0, 16 / 12),
        (D.Gamma(engine.tensor(3.0), engine.tensor(2.0)), 1.5, 0.75),
        (D.Beta(engine.tensor(2.0), engine.tensor(5.0)), 2 / 7, 10 / (49 * 8)),
        (D.Exponential(engine.tensor(4.0)), 0.25, 1 / 16),
        (D.Poisson(engine.tensor(3.5)), 3.5, 3.5),
        (D.Binomial(10, probs=engine.tensor(0.3)), 3.0, 2.1),
        (D.Laplace(engine.tensor(0.5), engine.tensor(1.5)), 0.5, 4.5),
        (D.LogNormal(engine.tensor(0.0), engine.tensor(0.5)), math.exp(0.125),
         (math.exp(0.25) - 1) * math.exp(0.25)),
    ]
    for d, mean, var in checks:
        s = d.sample((n,)).double()
        assert abs(s.mean().item() - mean) < 5 * math.sqrt(var / n), d
        assert abs(s.var().item() - var) < 0.05 * var + 1e-3, d
    c = D.Categorical(probs=engine.tensor([0.2, 0.5, 0.3])).sample((n,))
    assert c.dtype == engine.int64
    freq = np.bincount(c.numpy(), minlength=3) / n
    np.testing.assert_allclose(freq, [0.2, 0.5, 0.3], atol=0.02)
    mvn = D.MultivariateNormal(engine.tensor([1.0, -1.0]),
                               covariance_matrix=engine.tensor([[2.0, 0.6], [0.6, 1.0]]))
    x = mvn.sample((n,)).numpy().astype(np.float64)
    np.testing.assert_allclose(np.cov(x.T), [[2.0, 0.6], [0.6, 1.0]], atol=0.08)


def test_rsample_is_differentiable():
    engine.manual_seed(2)
    loc = engine.tensor([0.5, -1.0], requires_grad=True)
    scale = engine.tensor([1.0, 2.0], requires_grad=True)
    s = D.Normal(loc, scale).rsample((4,))
    assert type(s.grad_fn).__name__ == "AddBackward0"
    s.sum().backward()
    np.testing.assert_allclose(loc.grad.numpy(), [4.0, 4.0])
    eps = (s.detach() - loc.detach()) / scale.detach()
    np.testing.assert_allclose(scale.grad.numpy(), eps.sum(0).numpy(), rtol=1e-5)
    for d, params in [
        (lambda a, b: D.Uniform(a, a + b), 2),
        (lambda a, b: D.Laplace(a, b), 2),
        (lambda a, b: D.Exponential(b), 2),
        (lambda a, b: D.Gamma(b, b), 2),
        (lambda a, b: D.Beta(b, b + 1), 2),
        (lambda a, b: D.LogNormal(a, b), 2),
    ]:
        a = engine.tensor([0.3, 0.7], requires_grad=True)
        b = engine.tensor([1.5, 2.5], requires_grad=True)
        dist = d(a, b)
        assert dist.has_rsample
        dist.rsample((5,)).sum().backward()
        assert b.grad is not None and bool(engine.isfinite(b.grad).all())
    assert not D.Bernoulli(probs=engine.tensor(0.5)).has_rsample


def test_standard_gamma_gradient_is_the_implicit_reparameterisation():
    """For a fixed draw, d sample / d alpha must keep the CDF value fixed: compare with the
    derivative of the inverse CDF, taken by finite differences on Gamma quantiles."""
    from engine.distributions.gamma import standard_gamma_grad
    from engine.ops.special_functions import _incomplete_gamma

    alpha = np.array([0.3, 1.0, 2.5, 7.0, 30.0])
    x = np.array([0.05, 0.7, 3.0, 5.0, 33.0])
    grad = standard_gamma_grad(x, alpha)
    # moving alpha by h and x by grad * h leaves P(alpha, x) unchanged to first order
    h = 1e-6
    series = x < alpha + 1
    p0 = _incomplete_gamma(alpha, x, series)
    p1 = _incomplete_gamma(alpha + h, x + grad * h, series)
    np.testing.assert_allclose(p1, p0, atol=1e-10)


def test_gamma_rsample_gradient_matches_torch_in_expectation():
    """E[d x / d alpha] = d E[x] / d alpha = 1 / rate for Gamma(alpha, rate)."""
    engine.manual_seed(3)
    alpha = engine.tensor(2.0, requires_grad=True)
    rate = engine.tensor(4.0, requires_grad=True)
    D.Gamma(alpha, rate).rsample((20000,)).mean().backward()
    assert abs(alpha.grad.item() - 0.25) < 0.01
    assert abs(rate.grad.item() - (-2.0 / 16)) < 0.01


# ---------------------------------------------------------------------------------------------
# Reprs, validation messages, errors
# ---------------------------------------------------------------------------------------------
def test_reprs_match_torch():
    torch = pytest.importorskip("torch")
    for build in (
        lambda M, T: M.Normal(T.tensor([0.0, 1.0]), T.tensor([1.0, 2.0])),
        lambda M, T: M.Normal(0.0, 1.0),
        lambda M, T: M.Normal(T.tensor([0.5]), 1.0),
        lambda M, T: M.Bernoulli(logits=T.tensor([0.3, -0.2])),
        lambda M, T: M.Categorical(probs=T.tensor([0.2, 0.8])),
        lambda M, T: M.Uniform(0.0, 2.0),
        lambda M, T: M.Beta(2.0, 3.0),
        lambda M, T: M.Gamma(T.tensor([2.0, 3.0]), 1.0),
        lambda M, T: M.MultivariateNormal(T.zeros(2), T.eye(2)),
        lambda M, T: M.Independent(M.Normal(T.zeros(3, 2), 1.0), 1),
        lambda M, T: M.OneHotCategorical(logits=T.zeros(3)),
        lambda M, T: M.LogNormal(0.0, 1.0),
        lambda M, T: M.Binomial(5, probs=T.tensor([0.2, 0.4])),
        lambda M, T: M.Poisson(T.tensor([2.0])),
    ):
        e, t = build(D, engine), build(torch.distributions, torch)
        assert repr(e) == repr(t)
        assert e.batch_shape == t.batch_shape and e.event_shape == t.event_shape
    assert repr(D.constraints.positive) == repr(torch.distributions.constraints.positive)
    assert repr(D.constraints.real_vector) == repr(torch.distributions.constraints.real_vector)
    assert (repr(D.constraints.integer_interval(0, 3))
            == "IntegerInterval(lower_bound=0, upper_bound=3)")


ERRORS = [
    lambda M, T: M.Normal(T.tensor([0.0, 1.0]), T.tensor([1.0, -2.0])),
    lambda M, T: M.Normal(0.0, -1.0),
    lambda M, T: M.Bernoulli(probs=T.tensor([0.5, 1.5])),
    lambda M, T: M.Bernoulli(),
    lambda M, T: M.Categorical(probs=T.tensor(0.5)),
    lambda M, T: M.Categorical(probs=T.tensor([0.5, -0.5])),
    lambda M, T: M.Uniform(T.tensor([0.0, 2.0]), T.tensor([1.0, 1.0])),
    lambda M, T: M.Gamma(T.tensor([1.0]), T.tensor([0.0])),
    lambda M, T: M.MultivariateNormal(T.zeros(2), T.tensor([[1.0, 2.0], [2.0, 1.0]])),
    lambda M, T: M.MultivariateNormal(T.zeros(2)),
    lambda M, T: M.MultivariateNormal(T.zeros(2), scale_tril=T.tensor([[1.0, 1.0], [0.0, 1.0]])),
    lambda M, T: M.Normal(T.tensor([0.0, 1.0]), 1.0).log_prob(T.tensor([1.0, 2.0, 3.0])),
    lambda M, T: M.Normal(0.0, 1.0).log_prob(0.5),
    lambda M, T: M.Bernoulli(probs=T.tensor([0.5])).log_prob(T.tensor([0.5])),
    lambda M, T: M.Categorical(probs=T.tensor([0.5, 0.5])).log_prob(T.tensor([2])),
    lambda M, T: M.Exponential(T.tensor([1.0])).log_prob(T.tensor([-1.0])),
    lambda M, T: M.MultivariateNormal(T.zeros(2), T.eye(2)).log_prob(T.zeros(3)),
    lambda M, T: M.Independent(M.Normal(T.zeros(2), 1.0), 2),
    lambda M, T: M.Beta(T.tensor([1.0]), T.tensor([-1.0])),
    lambda M, T: M.Poisson(T.tensor([1.0])).log_prob(T.tensor([1.5])),
    lambda M, T: M.Uniform(0.0, 1.0).log_prob(T.tensor(2.0)),
]


@pytest.mark.parametrize("build", ERRORS, ids=[str(i) for i in range(len(ERRORS))])
def test_errors_match_torch(build):
    torch = pytest.importorskip("torch")
    with pytest.raises(Exception) as te:
        build(torch.distributions, torch)
    with pytest.raises(type(te.value)) as ee:
        build(D, engine)
    assert str(ee.value) == str(te.value)


def test_validate_args_can_be_turned_off():
    d = D.Normal(engine.tensor([0.0]), engine.tensor([-1.0]), validate_args=False)
    assert math.isnan(d.log_prob(engine.tensor([0.0])).item())
    D.Distribution.set_default_validate_args(False)
    try:
        D.Normal(0.0, -1.0)
    finally:
        D.Distribution.set_default_validate_args(True)
    with pytest.raises(ValueError):
        D.Normal(0.0, -1.0)


def test_expand_and_lazy_parameters():
    torch = pytest.importorskip("torch")
    for M, T in ((D, engine), (torch.distributions, torch)):
        d = M.Bernoulli(logits=T.tensor([0.3, -1.2]))
        assert "probs" not in d.__dict__
        d.probs  # computed on first use, then stored
        assert "probs" in d.__dict__
    e = D.Normal(engine.tensor([0.0, 1.0]), engine.tensor([1.0, 2.0])).expand((3, 2))
    t = torch.distributions.Normal(torch.tensor([0.0, 1.0]),
                                   torch.tensor([1.0, 2.0])).expand((3, 2))
    assert e.batch_shape == t.batch_shape and repr(e) == repr(t)
    _close(e.log_prob(engine.zeros(3, 2)), t.log_prob(torch.zeros(3, 2)))
    c = D.Categorical(logits=engine.zeros(4)).expand((2,))
    assert c.batch_shape == engine.Size([2]) and c.sample().shape == engine.Size([2])
    mvn = D.MultivariateNormal(engine.zeros(2), engine.eye(2)).expand((5,))
    assert mvn.batch_shape == engine.Size([5]) and mvn.event_shape == engine.Size([2])
    b = D.Bernoulli(probs=engine.tensor([0.2, 0.7]))
    np.testing.assert_array_equal(b.enumerate_support().numpy(), [[0, 0], [1, 1]])


def test_type_names_under_torch_alias():
    from engine import torch_alias

    was_installed = torch_alias.installed()
    torch_alias.install()
    try:
        assert str(type(D.Normal(0.0, 1.0))) == "<class 'torch.distributions.normal.Normal'>"
        assert str(type(D.MultivariateNormal(engine.zeros(2), engine.eye(2)))) == (
            "<class 'torch.distributions.multivariate_normal.MultivariateNormal'>")
        assert str(type(D.constraints.positive)) == (
            "<class 'torch.distributions.constraints._GreaterThan'>")
    finally:
        if not was_installed:
            torch_alias.uninstall()


# ---------------------------------------------------------------------------------------------
# gradcheck (float64) of the factorisation ops and of log_prob through them
# ---------------------------------------------------------------------------------------------
def test_gradcheck_cholesky_and_solve_triangular():
    from engine.distributions._linalg import cholesky, solve_triangular

    a = engine.tensor(_spd(3).astype(np.float64), requires_grad=True)
    assert gradcheck(lambda m: cholesky((m + m.mT) / 2), (a,))
    L = engine.tensor(np.linalg.cholesky(_spd(3).astype(np.float64)), requires_grad=True)
    b = engine.tensor(RNG.normal(size=(2, 3, 2)), requires_grad=True)
    assert gradcheck(lambda m, r: solve_triangular(m, r, upper=False), (L, b))
    assert gradcheck(lambda m, r: solve_triangular(m.mT, r, upper=True), (L, b))


def test_gradcheck_log_probs_float64():
    loc = engine.tensor(RNG.normal(size=3), requires_grad=True)
    cov = engine.tensor(_spd(3).astype(np.float64), requires_grad=True)
    x = engine.tensor(RNG.normal(size=(4, 3)))
    assert gradcheck(lambda m, c: D.MultivariateNormal(
        m, covariance_matrix=(c + c.mT) / 2).log_prob(x), (loc, cov))
    a = engine.tensor([1.5, 2.5], dtype=engine.float64, requires_grad=True)
    b = engine.tensor([0.5, 3.0], dtype=engine.float64, requires_grad=True)
    v = engine.tensor([0.3, 0.6], dtype=engine.float64)
    assert gradcheck(lambda p, q: D.Beta(p, q).log_prob(v), (a, b))
    assert gradcheck(lambda p, q: D.Gamma(p, q).entropy(), (a, b))
    assert gradcheck(lambda p, q: D.kl_divergence(D.Beta(p, q), D.Beta(q, p)), (a, b))
