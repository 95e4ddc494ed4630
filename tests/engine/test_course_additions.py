"""Rules behind the p230-p269 student programs that the corpus alone does not pin down:
pointwise losses computed in the tensor's dtype, ParameterList/ModuleDict, eigvalsh with its
gradient, and finfo."""
from __future__ import annotations

import re

import numpy as np
import pytest

import engine
import engine.nn as nn
import engine.nn.functional as F
from engine import linalg
from engine.dtypes import finfo


# ---- smooth_l1 / huber: float32 steps as ATen's kernels, then reduced like .mean() ----------
def _float32_steps(kind: str, d: np.ndarray, param: float) -> np.ndarray:
    z, half, p = np.abs(d), np.float32(0.5), np.float32(param)
    if kind == "smooth_l1":
        return np.where(z < p, half * z * z / p, z - half * p)
    return np.where(z < p, half * z * z, p * (z - half * p))


@pytest.mark.parametrize("kind,param", [("smooth_l1", 1.0), ("smooth_l1", 0.3), ("huber", 0.5)])
def test_pointwise_loss_rounds_each_step_in_float32(kind: str, param: float) -> None:
    rng = np.random.default_rng(3)
    a, b = (rng.normal(size=37).astype(np.float32) for _ in range(2))
    fn = F.smooth_l1_loss if kind == "smooth_l1" else F.huber_loss
    kw = {"beta": param} if kind == "smooth_l1" else {"delta": param}
    values = _float32_steps(kind, a - b, param)
    got = fn(engine.tensor(a), engine.tensor(b), reduction="none", **kw)
    assert got.dtype == engine.float32 and np.array_equal(got.numpy(), values)
    mean = fn(engine.tensor(a), engine.tensor(b), **kw)
    assert mean.item() == engine.tensor(values).mean().item()


@pytest.mark.parametrize("n", [6, 33, 200])
def test_pointwise_losses_match_torch_bitwise(n: int) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(n)
    a, b = (rng.normal(size=n).astype(np.float32) for _ in range(2))
    for name, kw in [("smooth_l1_loss", {}), ("smooth_l1_loss", {"beta": 0.3}),
                     ("huber_loss", {"delta": 0.5})]:
        for reduction in ("mean", "sum"):
            want = getattr(torch.nn.functional, name)(torch.tensor(a), torch.tensor(b),
                                                      reduction=reduction, **kw).item()
            got = getattr(F, name)(engine.tensor(a), engine.tensor(b), reduction=reduction,
                                   **kw).item()
            assert got == want, (name, kw, reduction)


# ---- ParameterList / ModuleDict -------------------------------------------------------------
def test_parameter_list_registers_and_wraps_tensors() -> None:
    pl = nn.ParameterList([nn.Parameter(engine.ones(2, 3)), engine.zeros(1)])
    assert isinstance(pl[1], nn.Parameter) and pl[1].requires_grad
    pl.append(engine.ones(4)).extend([nn.Parameter(engine.ones(1))])
    pl += [engine.ones(2)]
    assert len(pl) == 5 and pl[-1].shape == (2,)
    assert [n for n, _ in pl.named_parameters()] == ["0", "1", "2", "3", "4"]
    assert isinstance(pl[1:3], nn.ParameterList) and len(pl[1:3]) == 2
    with pytest.raises(IndexError, match="index 5 is out of range"):
        pl[5]


def test_parameter_list_repr_matches_torch() -> None:
    pl = nn.ParameterList([nn.Parameter(engine.ones(2, 3)),
                           nn.Parameter(engine.zeros(1, dtype=engine.float64))])
    pl.append(5)
    assert repr(pl) == ("ParameterList(\n"
                        "    (0): Parameter containing: [torch.float32 of size 2x3]\n"
                        "    (1): Parameter containing: [torch.float64 of size 1]\n"
                        "    (2): Object of type: int\n)")
    assert repr(nn.ParameterList()) == "ParameterList()"
    one = nn.ParameterList([nn.Parameter(engine.tensor(1.0))])
    assert repr(one) == "ParameterList(  (0): Parameter containing: [torch.float32 of size ])"


def test_module_dict_keeps_order_and_registers() -> None:
    md = nn.ModuleDict({"a": nn.Linear(1, 2), "b": nn.ReLU()})
    md["c"] = nn.Linear(2, 1)
    md.update([("d", nn.Identity())])
    assert list(md) == ["a", "b", "c", "d"] and "b" in md and len(md) == 4
    assert [n for n, _ in md.named_parameters()] == ["a.weight", "a.bias", "c.weight", "c.bias"]
    assert isinstance(md.pop("b"), nn.ReLU) and list(md.keys()) == ["a", "c", "d"]


# ---- eigvalsh -------------------------------------------------------------------------------
def test_eigvalsh_gradient_is_v_diag_g_vt() -> None:
    a = np.array([[2.0, 1.0, 0.5], [1.0, 3.0, -1.0], [0.5, -1.0, 1.0]])
    x = engine.tensor(a, requires_grad=True)
    w = engine.tensor([1.0, 2.0, 3.0], dtype=engine.float64)
    values = linalg.eigvalsh(x)
    assert values.grad_fn.name() == "LinalgEighBackward0"
    (values * w).sum().backward()
    lam, v = np.linalg.eigh(a)
    assert np.allclose(values.detach().numpy(), lam)
    assert np.allclose(x.grad.numpy(), v @ np.diag(w.numpy()) @ v.T)


def test_eigvalsh_reads_one_triangle() -> None:
    upper = engine.tensor([[4.0, 1.0], [99.0, 3.0]])
    assert np.allclose(linalg.eigvalsh(upper, UPLO="U").numpy(), np.linalg.eigvalsh(
        np.array([[4.0, 1.0], [1.0, 3.0]])))


# ---- finfo ----------------------------------------------------------------------------------
def test_finfo_fields_and_repr() -> None:
    f = finfo(engine.float32)
    assert (f.bits, f.eps, f.resolution, f.dtype) == (32, 2.0 ** -23, 1e-06, "float32")
    assert repr(finfo(engine.float64)) == (
        "finfo(resolution=1e-15, min=-1.79769e+308, max=1.79769e+308, eps=2.22045e-16, "
        "smallest_normal=2.22507e-308, tiny=2.22507e-308, dtype=float64)")
    assert finfo().dtype == "float32"
    with pytest.raises(TypeError, match="requires a floating point input type"):
        finfo(engine.int64)


# ---- pow's backward under create_graph: torch's ops, x.pow(1) and x.pow(0) included ---------
def test_third_derivative_of_cube_keeps_a_graph() -> None:
    a = engine.tensor(2.0, requires_grad=True)
    (g1,) = engine.autograd.grad(a ** 3, a, create_graph=True)
    (g2,) = engine.autograd.grad(g1, a, create_graph=True)
    (g3,) = engine.autograd.grad(g2, a, create_graph=True)
    assert g3.item() == 6.0 and g3.grad_fn.name() == "MulBackward0"
    (g4,) = engine.autograd.grad(g3, a, allow_unused=True)
    assert g4.item() == 0.0


def test_pow_zero_gradient_is_untracked_zeros_even_for_nan() -> None:
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    (g,) = engine.autograd.grad((x ** 0).sum(), x, create_graph=True)
    assert g.tolist() == [0.0, 0.0] and not g.requires_grad
    c = engine.tensor(float("inf"), requires_grad=True)
    (c ** 0 * 0).backward()  # the upstream gradient is 0 * inf = nan; torch still gives 0
    assert c.grad.item() == 0.0


# ---- dist / pairwise_distance ----------------------------------------------------------------
def test_dist_is_one_node_and_feeds_both_inputs() -> None:
    a = engine.tensor([[1.0, 2.0], [0.0, 1.0]], requires_grad=True)
    b = engine.tensor([0.0, 3.0], requires_grad=True)
    d = a.dist(b, p=1)
    assert d.item() == 4.0 and d.grad_fn.name() == "DistBackward0"
    d.backward()
    assert a.grad.tolist() == [[1.0, -1.0], [0.0, -1.0]] and b.grad.tolist() == [-1.0, 2.0]


def test_pairwise_distance_adds_eps_and_reduces_the_last_dim() -> None:
    x = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    d = F.pairwise_distance(x, x)
    assert d.grad_fn.name() == "NormBackward1"
    assert np.allclose(d.detach().numpy(), np.sqrt(2) * 1e-6)
    one = F.pairwise_distance(engine.tensor([1.0, 2.0]), engine.tensor([0.0, 3.0]), keepdim=True)
    assert one.shape == (1,)


# ---- torch.tensor of a list holding tensors: each is one number -------------------------------
def test_tensors_inside_a_list_are_read_as_scalars() -> None:
    t = engine.tensor([engine.tensor([1.0]), engine.tensor([[2.0]])])
    assert t.shape == (2,) and t.tolist() == [1.0, 2.0]
    assert engine.tensor([engine.tensor([1.5], dtype=engine.float64), 2]).dtype == engine.float64
    assert engine.tensor([engine.tensor([1]), 2.5]).dtype == engine.float32
    with pytest.raises(ValueError, match="only one element tensors can be converted"):
        engine.tensor([engine.tensor([1.0, 2.0]), engine.tensor([3.0, 4.0])])


# ---- loss dtype rules: which target dtypes each loss accepts, and the result's dtype -----------
def test_bce_wants_the_input_dtype_for_the_target() -> None:
    p = engine.tensor([0.2, 0.7])
    for target, name in [(engine.tensor([0, 1]), "Long"), (engine.tensor([True, False]), "Bool"),
                         (engine.tensor([0.0, 1.0], dtype=engine.float64), "Double")]:
        with pytest.raises(RuntimeError, match=f"^Found dtype {name} but expected Float$"):
            F.binary_cross_entropy(p, target)


def test_bce_with_logits_target_dtypes() -> None:
    x = engine.tensor([0.2, -0.7])
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired "
                                           "output type Long"):
        F.binary_cross_entropy_with_logits(x, engine.tensor([0, 1]))
    with pytest.raises(RuntimeError, match="with two bool tensors is not supported"):
        F.binary_cross_entropy_with_logits(x, engine.tensor([False, True]))
    wide = F.binary_cross_entropy_with_logits(x, engine.tensor([0.0, 1.0], dtype=engine.float64))
    assert wide.dtype == engine.float64


def test_pointwise_loss_result_dtypes() -> None:
    p = engine.tensor([0.2, 0.7, 0.9])
    long_t = engine.tensor([0, 1, 1])
    double_t = engine.tensor([0.0, 1.0, 1.0], dtype=engine.float64)
    assert F.smooth_l1_loss(p, long_t).dtype == engine.float32    # torch's promotion
    assert F.smooth_l1_loss(p, double_t).dtype == engine.float64
    assert F.huber_loss(p, double_t).dtype == engine.float32      # written into empty_like(input)
    assert F.huber_loss(p, long_t).dtype == engine.float32


# ---- grad-mode and anomaly-mode switches -------------------------------------------------------
def test_set_grad_enabled_repr() -> None:
    mode = engine.set_grad_enabled(False)
    try:
        assert repr(mode) == "torch.autograd.grad_mode.set_grad_enabled(mode=False)"
    finally:
        engine.set_grad_enabled(True)


def test_anomaly_mode_switches_and_restores() -> None:
    from engine import autograd

    with pytest.warns(UserWarning, match="Anomaly Detection has been enabled"):
        with autograd.detect_anomaly(check_nan=False):
            assert autograd.is_anomaly_enabled() and not autograd.is_anomaly_check_nan_enabled()
    assert not autograd.is_anomaly_enabled() and autograd.is_anomaly_check_nan_enabled()
    with pytest.warns(UserWarning):
        autograd.set_detect_anomaly(True)
    try:
        assert autograd.is_anomaly_enabled()
    finally:
        autograd.set_detect_anomaly(False)
    assert not autograd.is_anomaly_enabled()


def test_hessian_needs_one_single_element_tensor() -> None:
    from engine.autograd.functional import hessian

    x = engine.tensor([2.0, 1.0])
    with pytest.raises(RuntimeError, match="should contain a single element"):
        hessian(lambda t: t ** 3, x)
    with pytest.raises(RuntimeError, match="should return a single Tensor$"):
        hessian(lambda t: ((t ** 3).sum(),), x)


# ---- argument errors students hit, with torch's messages --------------------------------------
def test_factory_sizes_must_be_ints() -> None:
    with pytest.raises(TypeError, match=r"^zeros\(\): argument 'size' \(position 1\) must be "
                                        "tuple of ints, not float$"):
        engine.zeros(4 / 2)
    with pytest.raises(TypeError, match="failed to unpack the object at pos 2 with error "
                                        '"type must be tuple of ints,but got float"'):
        engine.ones((2, 2.0))
    with pytest.raises(TypeError, match=r"^randn\(\): argument 'size'"):
        engine.randn(2.5)
    assert engine.zeros(engine.tensor(3)).shape == (3,) and engine.zeros(()).shape == ()


def test_tensor_of_a_non_number_names_its_type() -> None:
    for data, kind in [(None, "NoneType"), ([1, None, {}], "NoneType"), ([[1], [{}]], "dict")]:
        with pytest.raises(RuntimeError, match=f"^Could not infer dtype of {kind}$"):
            engine.tensor(data)


def test_var_and_std_want_floats() -> None:
    for fn in (engine.var, engine.std):
        with pytest.raises(RuntimeError, match="std and var only support floating point"):
            fn(engine.tensor([1, 2, 3]))


def test_cross_entropy_same_shape_target_means_probabilities() -> None:
    with pytest.raises(RuntimeError, match="Expected floating point type for target with class "
                                           "probabilities, got Long"):
        F.cross_entropy(engine.ones(2, 3), engine.tensor([[0, 1, 0], [1, 0, 0]]))


def test_iterating_a_tensor_unbinds_it() -> None:
    x = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    rows = list(x)
    assert [r.grad_fn.name() for r in rows] == ["UnbindBackward0"] * 2
    (rows[0] * 2 + rows[1]).sum().backward()
    assert x.grad.tolist() == [[2.0, 2.0], [1.0, 1.0]]


STRICT_CASES = [
    ("jacobian", lambda x: x.detach(), "Output 0 of the user-provided function does not require"),
    ("jacobian", lambda x, y: x * 2, "Output 0 of the user-provided function is independent of "
                                      "input 1. This is not allowed in strict mode."),
    ("vjp", lambda x, y: x * 2, "The output of the user-provided function is independent of "
                                "input 1."),
    ("hessian", lambda x: (x * 2).sum(), "While computing the hessian, found that the jacobian "
                                         "of the user-provided function with respect to input 0"),
]


@pytest.mark.parametrize("fn, func, message", STRICT_CASES)
def test_functional_strict_mode_refuses_what_torch_refuses(fn, func, message):
    from engine.autograd import functional

    x = engine.ones(2)
    args = (x, x) if func.__code__.co_argcount == 2 else x
    extra = (engine.ones(2),) if fn == "vjp" else ()
    with pytest.raises(RuntimeError, match=re.escape(message)):
        getattr(functional, fn)(func, args, *extra, strict=True)
    getattr(functional, fn)(func, args, *extra)  # not strict: zeros where independent


def test_functional_api_takes_tensors_or_tuples_only():
    from engine.autograd.functional import jacobian

    with pytest.raises(TypeError, match=re.escape(
            "The inputs given to jacobian must be either a Tensor or a tuple of Tensors but the "
            "given inputs has type <class 'list'>.")):
        jacobian(lambda x: x, [engine.ones(2)])
    with pytest.raises(TypeError, match="outputs of the user-provided function .* value at index 1"):
        jacobian(lambda x: (x, 3.0), engine.ones(2))


def test_det_is_the_product_of_lapacks_pivots_not_numpys_logs():
    A = engine.tensor([[2.0, 1.0], [1.0, 3.0]], dtype=engine.float64, requires_grad=True)
    assert repr(A.det()) == "tensor(5., dtype=torch.float64, grad_fn=<LinalgDetBackward0>)"
    C = engine.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]], dtype=engine.float64)
    assert linalg.det(C).item() == -3.0000000000000013  # torch's bits: LU of the transpose
    sign, logabsdet = linalg.slogdet(A)
    assert sign.item() == 1.0 and abs(logabsdet.item() - np.log(5.0)) < 1e-15
    assert engine.autograd.gradcheck(lambda a: linalg.slogdet(a).logabsdet, (A,))
    assert np.isnan(engine.logdet(engine.tensor([[1.0, 2.0], [3.0, 4.0]])).item())
    assert A.inverse().tolist() == [[0.6, -0.2], [-0.2, 0.4]]


def test_eigh_gives_values_and_vectors_with_torchs_gradient():
    H = engine.tensor([[2.0, 1.0], [1.0, 3.0]], dtype=engine.float64, requires_grad=True)
    values, vectors = linalg.eigh(H)
    assert type(vectors.grad_fn).__name__ == "LinalgEighBackward0"
    (values.sum() + vectors[:, 0].sum() ** 2).backward()
    assert np.allclose(H.grad.numpy(), [[0.8211, -0.0894], [-0.0894, 1.1789]], atol=1e-4)
    A = engine.tensor([[2.0, 1.0], [0.3, 3.0]], dtype=engine.float64, requires_grad=True)
    assert engine.autograd.gradcheck(lambda a: linalg.eigh(a + a.mT).eigenvectors.abs().sum(), (A,))


def test_linalg_refuses_integer_low_precision_and_mixed_dtypes_as_torch():
    A = engine.tensor([[2, 1], [1, 3]])
    with pytest.raises(RuntimeError, match="linalg.inv: Expected a floating point or complex"):
        linalg.inv(A)
    with pytest.raises(RuntimeError, match="linalg.inv: Low precision dtypes not supported"):
        linalg.inv(A.half())
    with pytest.raises(RuntimeError, match="found A of type Double and B of type Float"):
        linalg.solve(A.double(), engine.tensor([1.0, 2.0]))
