"""engine.nn.functional: values against float64 formulas, gradients against central differences,
torch's grad_fn names, stability at extreme inputs, second derivatives, and torch's errors."""
from __future__ import annotations

import math
import warnings
from typing import Callable

import numpy as np
import pytest

import engine
import engine.nn.functional as F

RNG = np.random.default_rng(1234)


def t64(a, requires_grad: bool = True) -> engine.Tensor:
    return engine.tensor(np.asarray(a, dtype=np.float64), requires_grad=requires_grad)


def check_grads(fn: Callable[..., engine.Tensor], *arrays: np.ndarray, h: float = 1e-6,
                tol: float = 1e-6) -> None:
    """Backward of sum(fn(*inputs) * r) against central differences, for every input, float64."""
    inputs = [t64(a) for a in arrays]
    out = fn(*inputs)
    r = RNG.standard_normal(out.shape)
    (out * engine.tensor(r)).sum().backward()

    def loss(values: list[np.ndarray]) -> float:
        with engine.no_grad():
            o = fn(*[t64(v, requires_grad=False) for v in values])
        return float((o.numpy() * r).sum())

    for i, a in enumerate(arrays):
        a = np.asarray(a, dtype=np.float64)
        fd = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            plus = [np.array(v, dtype=np.float64) for v in arrays]
            minus = [np.array(v, dtype=np.float64) for v in arrays]
            plus[i][idx] += h
            minus[i][idx] -= h
            fd[idx] = (loss(plus) - loss(minus)) / (2 * h)
        got = inputs[i].grad.numpy()
        assert got.shape == a.shape
        np.testing.assert_allclose(got, fd, rtol=tol, atol=tol, err_msg=f"input {i}")


X = RNG.standard_normal((3, 4)) * 2
X[0, 0] = 0.3  # keep samples off the kinks at 0
LOGITS = RNG.standard_normal((5, 4))
TARGET = np.array([0, 3, 1, 1, 2])


def celu_ref(x, a=1.0):
    return np.where(x > 0, x, a * np.expm1(x / a))


def gelu_ref(x):
    return 0.5 * x * (1 + np.array([math.erf(v / math.sqrt(2)) for v in x.ravel()]).reshape(x.shape))


def log_softmax_ref(x, dim):
    s = x - x.max(axis=dim, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=dim, keepdims=True))


@pytest.mark.parametrize("name, fn, ref", [
    ("CeluBackward0", lambda x: F.celu(x), celu_ref),
    ("CeluBackward0", lambda x: F.celu(x, 2.0), lambda x: celu_ref(x, 2.0)),
    ("EluBackward0", lambda x: F.elu(x, 0.5), lambda x: np.where(x > 0, x, 0.5 * np.expm1(x))),
    ("LeakyReluBackward0", lambda x: F.leaky_relu(x, 0.2), lambda x: np.where(x > 0, x, 0.2 * x)),
    ("GeluBackward0", lambda x: F.gelu(x), gelu_ref),
    ("GeluBackward0", lambda x: F.gelu(x, approximate="tanh"),
     lambda x: 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))),
    ("SoftplusBackward0", lambda x: F.softplus(x), lambda x: np.log1p(np.exp(x))),
    ("SoftplusBackward0", lambda x: F.softplus(x, beta=2.0, threshold=3.0),
     lambda x: np.where(2 * x > 3, x, np.log1p(np.exp(2 * x)) / 2)),
    ("SoftmaxBackward0", lambda x: F.softmax(x, dim=1),
     lambda x: np.exp(log_softmax_ref(x, 1))),
    ("SoftmaxBackward0", lambda x: F.softmax(x, dim=0),
     lambda x: np.exp(log_softmax_ref(x, 0))),
    ("LogSoftmaxBackward0", lambda x: F.log_softmax(x, dim=-1),
     lambda x: log_softmax_ref(x, -1)),
    ("ReluBackward0", lambda x: F.relu(x), lambda x: np.maximum(x, 0)),
    ("SigmoidBackward0", lambda x: F.sigmoid(x), lambda x: 1 / (1 + np.exp(-x))),
    ("TanhBackward0", lambda x: F.tanh(x), np.tanh),
])
def test_activation_values_grads_and_names(name, fn, ref):
    out = fn(t64(X))
    assert out.grad_fn.name() == name
    np.testing.assert_allclose(out.detach().numpy(), ref(X), rtol=1e-12, atol=1e-12)
    check_grads(fn, X)


def test_activations_keep_float32_and_round_once():
    x = engine.tensor([-1.5, -0.25, 0.5, 2.0])
    for fn in (F.celu, F.elu, F.gelu, F.softplus, lambda v: F.softmax(v, 0)):
        out = fn(x)
        assert out.dtype == engine.float32
    np.testing.assert_array_equal(F.celu(x).numpy(),
                                  celu_ref(x.numpy().astype(np.float64)).astype(np.float32))


def test_softmax_and_log_softmax_are_stable_at_huge_logits():
    x = engine.tensor([[1000.0, 0.0, -1000.0]], requires_grad=True)
    p = F.softmax(x, dim=1)
    lp = F.log_softmax(x, dim=1)
    assert np.all(np.isfinite(p.detach().numpy()))
    np.testing.assert_allclose(lp.detach().numpy(), [[0.0, -1000.0, -2000.0]])
    lp[0, 1].backward()
    np.testing.assert_allclose(x.grad.numpy(), [[-1.0, 1.0, 0.0]], atol=1e-6)


def test_softplus_and_celu_do_not_overflow():
    x = engine.tensor([-1e4, 1e4], dtype=engine.float64)
    np.testing.assert_array_equal(F.softplus(x).numpy(), [0.0, 1e4])
    np.testing.assert_array_equal(F.celu(x).numpy(), [-1.0, 1e4])


def test_softmax_without_dim_warns_and_picks_torchs_dim():
    x = engine.tensor(X)
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
        p = F.softmax(x)
    np.testing.assert_allclose(p.numpy().sum(axis=1), 1.0, rtol=1e-6)


def test_linear_fused_and_composed():
    x, w, b = RNG.standard_normal((4, 3)), RNG.standard_normal((2, 3)), RNG.standard_normal(2)
    out = F.linear(t64(x), t64(w), t64(b))
    assert out.grad_fn.name() == "AddmmBackward0"
    np.testing.assert_allclose(out.detach().numpy(), x @ w.T + b)
    assert F.linear(t64(x), t64(w)).grad_fn.name() == "MmBackward0"
    check_grads(lambda x, w, b: F.linear(x, w, b), x, w, b)
    check_grads(lambda x, w: F.linear(x, w), x, w)
    check_grads(lambda x, w, b: F.linear(x, w, b), RNG.standard_normal((2, 2, 3)), w, b)
    check_grads(lambda x, w, b: F.linear(x, w, b), RNG.standard_normal(3), w, b)
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(4x3 and 2x2\)"):
        F.linear(engine.zeros(4, 3), engine.zeros(2, 2))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_mse_and_l1(reduction):
    a, b = RNG.standard_normal((3, 2)), RNG.standard_normal((3, 2))
    m = F.mse_loss(t64(a), t64(b), reduction=reduction)
    assert m.grad_fn.name() == "MseLossBackward0"
    ref = (a - b) ** 2
    ref = ref.mean() if reduction == "mean" else ref.sum() if reduction == "sum" else ref
    np.testing.assert_allclose(m.detach().numpy(), ref)
    check_grads(lambda x, y: F.mse_loss(x, y, reduction=reduction), a, b)
    check_grads(lambda x, y: F.l1_loss(x, y, reduction=reduction), a, b)


def test_mse_broadcast_warns_like_torch():
    with pytest.warns(UserWarning, match=r"Using a target size \(torch.Size\(\[3, 1\]\)\) that "
                                         r"is different to the input size"):
        F.mse_loss(engine.zeros(3), engine.zeros(3, 1))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_binary_cross_entropy(reduction):
    p = 1 / (1 + np.exp(-RNG.standard_normal((4, 2))))
    t = RNG.uniform(size=(4, 2))
    w = RNG.uniform(0.5, 2.0, size=(4, 2))
    out = F.binary_cross_entropy(t64(p), t64(t), reduction=reduction)
    assert out.grad_fn.name() == "BinaryCrossEntropyBackward0"
    ref = -(t * np.log(p) + (1 - t) * np.log(1 - p))
    ref = ref.mean() if reduction == "mean" else ref.sum() if reduction == "sum" else ref
    np.testing.assert_allclose(out.detach().numpy(), ref)
    check_grads(lambda x, y: F.binary_cross_entropy(x, y, reduction=reduction), p, t)
    check_grads(lambda x, y: F.binary_cross_entropy(x, y, weight=engine.tensor(w),
                                                     reduction=reduction), p, t)


def test_binary_cross_entropy_clamps_log_at_minus_100_and_checks_range():
    out = F.binary_cross_entropy(engine.tensor([0.0, 1.0]), engine.tensor([1.0, 0.0]))
    assert out.item() == 100.0
    with pytest.raises(RuntimeError, match="all elements of input should be between 0 and 1"):
        F.binary_cross_entropy(engine.tensor([1.5]), engine.tensor([1.0]))
    with pytest.raises(ValueError, match="is deprecated. Please ensure they have the same size"):
        F.binary_cross_entropy(engine.tensor([0.5]), engine.tensor([[1.0]]))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_bce_with_logits(reduction):
    x, t = RNG.standard_normal((4, 3)) * 3, RNG.uniform(size=(4, 3))
    pw = RNG.uniform(0.5, 3.0, size=3)
    out = F.binary_cross_entropy_with_logits(t64(x), t64(t), reduction=reduction)
    assert out.grad_fn.name() == "BinaryCrossEntropyWithLogitsBackward0"
    s = 1 / (1 + np.exp(-x))
    ref = -(t * np.log(s) + (1 - t) * np.log(1 - s))
    ref = ref.mean() if reduction == "mean" else ref.sum() if reduction == "sum" else ref
    np.testing.assert_allclose(out.detach().numpy(), ref, rtol=1e-12)
    check_grads(lambda a, b: F.binary_cross_entropy_with_logits(a, b, reduction=reduction), x, t)
    check_grads(lambda a, b: F.binary_cross_entropy_with_logits(
        a, b, pos_weight=engine.tensor(pw), reduction=reduction), x, t)
    # stable at logits where sigmoid saturates
    big = F.binary_cross_entropy_with_logits(engine.tensor([800.0, -800.0]),
                                             engine.tensor([0.0, 1.0]), reduction="none")
    np.testing.assert_allclose(big.numpy(), [800.0, 800.0])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_cross_entropy_with_class_indices(reduction):
    out = F.cross_entropy(t64(LOGITS), engine.tensor(TARGET), reduction=reduction)
    assert out.grad_fn.name() == "NllLossBackward0"
    assert out.grad_fn.next_functions[0][0].name() == "LogSoftmaxBackward0"
    per = -log_softmax_ref(LOGITS, 1)[np.arange(5), TARGET]
    ref = per.mean() if reduction == "mean" else per.sum() if reduction == "sum" else per
    np.testing.assert_allclose(out.detach().numpy(), ref, rtol=1e-12)
    check_grads(lambda x: F.cross_entropy(x, engine.tensor(TARGET), reduction=reduction), LOGITS)


def test_cross_entropy_weight_ignore_index_and_single_sample():
    w = np.array([1.0, 2.0, 0.5, 3.0])
    target = np.array([0, 3, -100, 1, 2])
    out = F.cross_entropy(t64(LOGITS), engine.tensor(target), weight=engine.tensor(w))
    keep = target != -100
    lp = log_softmax_ref(LOGITS, 1)[np.arange(5)[keep], target[keep]]
    ref = -(w[target[keep]] * lp).sum() / w[target[keep]].sum()
    np.testing.assert_allclose(out.item(), ref, rtol=1e-12)
    check_grads(lambda x: F.cross_entropy(x, engine.tensor(target), weight=engine.tensor(w)),
                LOGITS)
    one = F.cross_entropy(t64(LOGITS[0]), engine.tensor(2))
    np.testing.assert_allclose(one.item(), -log_softmax_ref(LOGITS[0], 0)[2], rtol=1e-12)


def test_cross_entropy_with_spatial_dims():
    x = RNG.standard_normal((2, 3, 2))  # N, C, d1
    target = np.array([[0, 2], [1, 1]])
    check_grads(lambda v: F.cross_entropy(v, engine.tensor(target)), x)
    check_grads(lambda v: F.cross_entropy(v, engine.tensor(target), reduction="none"), x)
    per = -np.take_along_axis(log_softmax_ref(x, 1), target[:, None, :], axis=1)[:, 0]
    np.testing.assert_allclose(F.cross_entropy(t64(x), engine.tensor(target)).item(), per.mean())


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_cross_entropy_with_probabilities_and_label_smoothing(reduction):
    probs = np.exp(log_softmax_ref(RNG.standard_normal((5, 4)), 1))
    out = F.cross_entropy(t64(LOGITS), engine.tensor(probs), reduction=reduction)
    per = -(probs * log_softmax_ref(LOGITS, 1)).sum(1)
    ref = per.mean() if reduction == "mean" else per.sum() if reduction == "sum" else per
    np.testing.assert_allclose(out.detach().numpy(), ref, rtol=1e-12)
    check_grads(lambda x: F.cross_entropy(x, engine.tensor(probs), reduction=reduction), LOGITS)
    # label smoothing 0.1 with class indices equals smoothing the one-hot target
    onehot = np.eye(4)[TARGET] * 0.9 + 0.1 / 4
    smooth = F.cross_entropy(t64(LOGITS), engine.tensor(TARGET), reduction=reduction,
                             label_smoothing=0.1)
    per = -(onehot * log_softmax_ref(LOGITS, 1)).sum(1)
    ref = per.mean() if reduction == "mean" else per.sum() if reduction == "sum" else per
    np.testing.assert_allclose(smooth.detach().numpy(), ref, rtol=1e-12)


def test_nll_loss_errors_match_torch():
    x = engine.zeros(3, 4)
    with pytest.raises(IndexError, match="Target 4 is out of bounds."):
        F.nll_loss(x, engine.tensor([0, 1, 4]))
    with pytest.raises(RuntimeError, match="expected target dtype to be Long or Byte, but got Float"):
        F.nll_loss(x, engine.tensor([0.0, 1.0, 2.0]))
    with pytest.raises(ValueError, match=r"Expected input batch_size \(3\) to match target "
                                         r"batch_size \(2\)."):
        F.cross_entropy(x, engine.tensor([0, 1]))


def test_second_derivatives_through_fused_ops():
    """create_graph=True: the backward rules are differentiable (Hessian-vector products)."""
    for fn in (F.celu, F.elu, F.gelu, F.softplus, lambda v: F.log_softmax(v, 1),
               lambda v: F.softmax(v, 1), lambda v: F.gelu(v, approximate="tanh")):
        a = X.copy()
        v = RNG.standard_normal(a.shape)

        def grad_dot_v(values: np.ndarray, create_graph: bool = False):
            x = t64(values)
            y = (fn(x) ** 2).sum()
            (g,) = engine.autograd.grad(y, x, create_graph=create_graph)
            return x, g

        x, g = grad_dot_v(a, create_graph=True)
        (hv,) = engine.autograd.grad((g * engine.tensor(v)).sum(), x)
        h = 1e-6
        fd = (grad_dot_v(a + h * v)[1].numpy() - grad_dot_v(a - h * v)[1].numpy()) / (2 * h)
        np.testing.assert_allclose(hv.numpy(), fd, rtol=1e-5, atol=1e-6)
    # cross_entropy = nll_loss(log_softmax): the Hessian flows through LogSoftmaxBackward0's rule
    v = RNG.standard_normal(LOGITS.shape)

    def ce_grad(values: np.ndarray, create_graph: bool = False):
        x = t64(values)
        loss = F.cross_entropy(x, engine.tensor(TARGET), label_smoothing=0.1)
        return x, engine.autograd.grad(loss, x, create_graph=create_graph)[0]

    x, g = ce_grad(LOGITS, create_graph=True)
    (hv,) = engine.autograd.grad((g * engine.tensor(v)).sum(), x)
    h = 1e-6
    fd = (ce_grad(LOGITS + h * v)[1].numpy() - ce_grad(LOGITS - h * v)[1].numpy()) / (2 * h)
    np.testing.assert_allclose(hv.numpy(), fd, rtol=1e-5, atol=1e-7)
    assert np.abs(fd).max() > 1e-3


def test_no_graph_under_no_grad():
    x = engine.tensor(X, requires_grad=True)
    with engine.no_grad():
        for out in (F.celu(x), F.softmax(x, 1), F.mse_loss(x, engine.zeros(3, 4))):
            assert out.grad_fn is None and not out.requires_grad
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert F.celu(x).requires_grad


def test_fused_nodes_free_saved_tensors_unless_retain_graph():
    x = engine.tensor(X, requires_grad=True)
    for make in (lambda: F.celu(x).sum(), lambda: F.log_softmax(x, 1).sum(),
                 lambda: F.mse_loss(x, engine.zeros(3, 4))):
        y = make()
        y.backward(retain_graph=True)
        y.backward()
        with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
            y.backward()


@pytest.mark.parametrize("name, loss", [
    ("mse", lambda x: F.mse_loss(x, engine.tensor(X * 0.5))),
    ("bce", lambda x: F.binary_cross_entropy(F.sigmoid(x), engine.tensor(np.abs(X) / 3))),
    ("bce_logits", lambda x: F.binary_cross_entropy_with_logits(
        x, engine.tensor(np.abs(X) / 3), pos_weight=engine.tensor([1.0, 2.0, 0.5, 3.0]))),
    ("nll", lambda x: F.nll_loss(F.log_softmax(x, 1), engine.tensor([0, 3, 1]))),
])
def test_loss_hessian_vector_products_match_finite_differences(name, loss):
    v = RNG.standard_normal(X.shape)

    def grad_at(values: np.ndarray, create_graph: bool = False):
        x = t64(values)
        return x, engine.autograd.grad(loss(x), x, create_graph=create_graph)[0]

    x, g = grad_at(X, create_graph=True)
    (hv,) = engine.autograd.grad((g * engine.tensor(v)).sum(), x)
    h = 1e-6
    fd = (grad_at(X + h * v)[1].numpy() - grad_at(X - h * v)[1].numpy()) / (2 * h)
    np.testing.assert_allclose(hv.numpy(), fd, rtol=1e-5, atol=1e-7)


def test_integer_inputs_are_refused_like_torch_and_scalar_softmax_is_one():
    with pytest.raises(NotImplementedError, match="\"softmax_lastdim_kernel_impl\" not implemented "
                                                  "for 'Long'"):
        F.softmax(engine.tensor([1, 2, 3]), 0)
    with pytest.raises(NotImplementedError, match="\"elu_cpu\" not implemented for 'Long'"):
        F.celu(engine.tensor([1, 2]))
    assert F.softmax(engine.tensor(2.0), 0).item() == 1.0
    assert F.log_softmax(engine.tensor(2.0), 0).item() == 0.0
