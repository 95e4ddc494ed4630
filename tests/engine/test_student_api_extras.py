"""Behaviour student programs rely on that the recorded corpus alone does not pin down:
optimizer state as tensors, lr schedulers, gradient clipping, norm gradients at zero, and the
names torch gives some graph nodes."""
from __future__ import annotations

import math

import numpy as np
import pytest

import engine
import engine.nn.functional as F
from engine import optim
from engine.nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector
from engine.optim import lr_scheduler


# ---- optimizer state ---------------------------------------------------------------------------
def _stepped(opt_cls, **kw):
    p = engine.tensor([1.0, -2.0], requires_grad=True)
    opt = opt_cls([p], lr=0.1, **kw)
    for _ in range(2):
        opt.zero_grad()
        (p ** 2).sum().backward()
        opt.step()
    return p, opt


def test_state_holds_tensors_updated_in_place():
    p, opt = _stepped(optim.SGD, momentum=0.9)
    buf = opt.state[p]["momentum_buffer"]
    assert isinstance(buf, engine.Tensor) and not buf.requires_grad
    before = buf.clone()
    opt.zero_grad()
    (p ** 2).sum().backward()
    opt.step()
    assert not engine.equal(buf, before)  # the tensor the user holds saw the update
    assert opt.state_dict()["state"][0]["momentum_buffer"] is buf  # torch shares, not copies


def test_adam_state_keys_and_step_count_as_in_torch():
    p, opt = _stepped(optim.Adam, amsgrad=True)
    state = opt.state[p]
    assert list(state) == ["step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"]
    assert state["step"].dtype == engine.float32 and state["step"].item() == 2.0


def test_plain_sgd_keeps_no_state_and_state_is_a_defaultdict():
    p, opt = _stepped(optim.SGD)
    assert dict(opt.state) == {} and opt.state_dict()["state"] == {}
    assert opt.state[engine.zeros(1)] == {}


def test_load_state_dict_restores_buffers_in_the_parameters_dtype():
    p, opt = _stepped(optim.Adam)
    q = engine.tensor([1.0, -2.0], dtype=engine.float64, requires_grad=True)
    other = optim.Adam([q], lr=0.1)
    other.load_state_dict(opt.state_dict())
    assert other.state[q]["exp_avg"].dtype == engine.float64
    assert other.state[q]["step"].item() == 2.0


# ---- lr schedulers -----------------------------------------------------------------------------
def _sgd(lr=0.1):
    return optim.SGD([engine.zeros(1, requires_grad=True)], lr=lr)


def _run(sched, opt, n):
    out = []
    for _ in range(n):
        opt.step()
        sched.step()
        out.append(sched.get_last_lr()[0])
    return out


def test_step_lr_multiplies_the_current_rate_as_torch_does():
    opt = _sgd(0.1)
    lrs = _run(lr_scheduler.StepLR(opt, step_size=2, gamma=0.1), opt, 5)
    assert lrs == [0.1, 0.1 * 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1, 0.1 * 0.1 * 0.1]
    assert opt.param_groups[0]["initial_lr"] == 0.1


def test_reduce_on_plateau_waits_for_patience():
    opt = _sgd(1.0)
    sched = lr_scheduler.ReduceLROnPlateau(opt, patience=1, factor=0.5)
    lrs = []
    for metric in [3.0, 3.0, 3.0, 2.0, 2.0, 2.0]:
        sched.step(metric)
        lrs.append(opt.param_groups[0]["lr"])
    assert lrs == [1.0, 1.0, 0.5, 0.5, 0.5, 0.25]


def test_scheduler_before_optimizer_warns():
    opt = _sgd()
    sched = lr_scheduler.ExponentialLR(opt, gamma=0.9)
    with pytest.warns(UserWarning, match="before `optimizer.step\\(\\)`"):
        sched.step()


@pytest.mark.parametrize("make", [
    lambda L, o: L.StepLR(o, 3, 0.5), lambda L, o: L.MultiStepLR(o, [2, 5, 5], 0.3),
    lambda L, o: L.ExponentialLR(o, 0.95), lambda L, o: L.CosineAnnealingLR(o, 5, 0.001),
    lambda L, o: L.LambdaLR(o, lambda e: 1 / (e + 1))])
def test_schedulers_match_pytorch(make):
    torch = pytest.importorskip("torch")
    results = []
    for lib, module in ((torch, torch.optim.lr_scheduler), (engine, lr_scheduler)):
        opt = lib.optim.SGD([lib.zeros(1, requires_grad=True)], lr=0.1)
        sched = make(module, opt)
        results.append((_run(sched, opt, 12), sched.state_dict()))
    assert results[0] == results[1]


# ---- nn.utils ----------------------------------------------------------------------------------
def test_clip_grad_norm_scales_by_max_norm_over_the_total_norm():
    a = engine.zeros(2, requires_grad=True)
    b = engine.zeros(1, requires_grad=True)
    a.grad, b.grad = engine.tensor([3.0, 0.0]), engine.tensor([4.0])
    total = clip_grad_norm_([a, b], max_norm=1.0)
    assert total.item() == 5.0 and not total.requires_grad
    coef = np.float32(1.0) / (np.float32(5.0) + np.float32(1e-6))
    assert a.grad.tolist() == [float(np.float32(3.0) * coef), 0.0]
    clip_grad_value_([a, b], 0.1)
    assert b.grad.tolist() == [pytest.approx(0.1)]


def test_clip_grad_norm_leaves_small_gradients_and_ignores_missing_ones():
    a = engine.zeros(2, requires_grad=True)
    a.grad = engine.tensor([0.3, 0.4])
    assert clip_grad_norm_([a, engine.zeros(1, requires_grad=True)], 10.0).item() == \
        pytest.approx(0.5)
    assert a.grad.tolist() == pytest.approx([0.3, 0.4])


def test_parameters_to_vector_keeps_the_graph():
    w = engine.ones(2, 2, requires_grad=True)
    v = parameters_to_vector([w, engine.zeros(3, requires_grad=True)])
    assert v.shape == (7,) and v.grad_fn.name() == "CatBackward0"


# ---- gradients and names -----------------------------------------------------------------------
@pytest.mark.parametrize("p", [2, 3, 1.5, 0.5])
def test_norm_gradient_at_zero_is_zero_not_nan(p):
    v = engine.tensor([[0.0, 0.0], [3.0, -4.0]], requires_grad=True)
    v.norm(p=p, dim=1).sum().backward()
    assert v.grad[0].tolist() == [0.0, 0.0]
    n = (3 ** p + 4 ** p) ** (1 / p)
    expected = [math.copysign(3 ** (p - 1), 3) / n ** (p - 1), -4 ** (p - 1) / n ** (p - 1)]
    assert v.grad[1].tolist() == pytest.approx(expected, rel=1e-6)


def test_promote_types_takes_and_returns_dtypes():
    assert engine.promote_types(engine.int32, engine.float16) is engine.float16
    assert engine.promote_types(engine.uint8, engine.int8) is engine.int16


def test_copy_slices_is_named_like_torchs_cpp_node():
    x = engine.tensor(2.0, requires_grad=True)
    out = engine.zeros(2)
    out[0] = x * 3
    assert out.grad_fn.name() == "torch::autograd::CopySlices"
    assert repr(out).endswith("grad_fn=<CopySlices>)")


@pytest.mark.parametrize("reduction,node", [("mean", "DivBackward1"), ("sum", "NegBackward0"),
                                            ("none", "NegBackward0")])
def test_cross_entropy_with_probabilities_records_atens_ops(reduction, node):
    logits = engine.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], requires_grad=True)
    probs = engine.tensor([[0.7, 0.2, 0.1], [0.0, 0.0, 1.0]])
    loss = F.cross_entropy(logits, probs, reduction=reduction)
    assert loss.grad_fn.name() == node
    logp = F.log_softmax(logits, 1)
    per_sample = -(logp * probs).sum(1)
    want = {"mean": per_sample.sum() / 2, "sum": per_sample.sum(), "none": per_sample}
    assert np.allclose(loss.detach().numpy(), want[reduction].detach().numpy())


@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
def test_nll_loss_of_one_sample_differentiates_for_every_reduction(reduction):
    x = engine.tensor([0.2, -1.0, 0.5], requires_grad=True)
    F.nll_loss(x, engine.tensor(2), reduction=reduction).backward()
    assert x.grad.tolist() == [0.0, 0.0, -1.0]


def test_nll_loss_mean_of_ignored_targets_is_nan():
    x = engine.tensor([[0.2, -1.0], [0.5, 0.1]], requires_grad=True)
    loss = F.nll_loss(x, engine.tensor([-100, -100]))
    assert math.isnan(loss.item())
