"""engine.optim: SGD and Adam/AdamW follow torch's update formulas (checked against hand-written
float64 references), parameter groups, zero_grad, state_dict, closures and torch's errors."""
from __future__ import annotations

import math

import numpy as np
import pytest

import engine
import engine.nn as nn
from engine import optim

GRADS = [np.array([0.5, -1.0, 2.0]), np.array([0.25, 0.5, -3.0]), np.array([-1.0, 0.0, 1.0]),
         np.array([2.0, 2.0, 2.0])]
START = np.array([1.0, -2.0, 0.5])


def run(make_opt, grads=GRADS, start=START) -> np.ndarray:
    p = engine.tensor(start, dtype=engine.float64, requires_grad=True)
    opt = make_opt([p])
    for g in grads:
        opt.zero_grad()
        p.grad = engine.tensor(g, dtype=engine.float64)
        opt.step()
    return p.detach().numpy()


def sgd_ref(lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False, maximize=False):
    p, buf = START.copy(), None
    for g in GRADS:
        g = -g if maximize else g.copy()
        g = g + weight_decay * p
        if momentum:
            buf = g.copy() if buf is None else momentum * buf + (1 - dampening) * g
            g = g + momentum * buf if nesterov else buf
        p = p - lr * g
    return p


@pytest.mark.parametrize("kwargs", [
    dict(lr=0.1),
    dict(lr=0.1, momentum=0.9),
    dict(lr=0.05, momentum=0.9, dampening=0.5),
    dict(lr=0.05, momentum=0.8, nesterov=True),
    dict(lr=0.1, momentum=0.9, weight_decay=0.01),
    dict(lr=0.1, maximize=True),
])
def test_sgd_matches_torchs_update_rule(kwargs):
    np.testing.assert_allclose(run(lambda ps: optim.SGD(ps, **kwargs)), sgd_ref(**kwargs),
                               rtol=1e-14, atol=1e-15)


def adam_ref(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False,
             decoupled=False):
    p = START.copy()
    m, v, vmax = np.zeros(3), np.zeros(3), np.zeros(3)
    for step, g in enumerate(GRADS, start=1):
        if weight_decay and decoupled:
            p = p * (1 - lr * weight_decay)
        elif weight_decay:
            g = g + weight_decay * p
        m = betas[0] * m + (1 - betas[0]) * g
        v = betas[1] * v + (1 - betas[1]) * g * g
        if amsgrad:
            vmax = np.maximum(vmax, v)
        denom = np.sqrt(vmax if amsgrad else v) / math.sqrt(1 - betas[1] ** step) + eps
        p = p - lr / (1 - betas[0] ** step) * m / denom
    return p


@pytest.mark.parametrize("kwargs", [
    dict(lr=0.1),
    dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6),
    dict(lr=0.1, weight_decay=0.1),
    dict(lr=0.1, amsgrad=True),
])
def test_adam_matches_torchs_update_rule(kwargs):
    np.testing.assert_allclose(run(lambda ps: optim.Adam(ps, **kwargs)), adam_ref(**kwargs),
                               rtol=1e-13, atol=1e-15)


def test_adamw_decouples_weight_decay():
    got = run(lambda ps: optim.AdamW(ps, lr=0.1, weight_decay=0.1))
    np.testing.assert_allclose(got, adam_ref(lr=0.1, weight_decay=0.1, decoupled=True),
                               rtol=1e-13)
    assert not np.allclose(got, adam_ref(lr=0.1, weight_decay=0.1))
    assert optim.AdamW([engine.zeros(1, requires_grad=True)]).defaults["weight_decay"] == 1e-2


def test_step_updates_in_place_and_skips_params_without_grad():
    a = engine.tensor([1.0, 2.0], requires_grad=True)
    b = engine.tensor([3.0], requires_grad=True)
    opt = optim.SGD([a, b], lr=0.5)
    (a * a).sum().backward()
    before = id(a)
    opt.step()
    assert id(a) == before and a.is_leaf and a.requires_grad
    np.testing.assert_array_equal(a.detach().numpy(), [0.0, 0.0])
    np.testing.assert_array_equal(b.detach().numpy(), [3.0])
    assert a.dtype == engine.float32


def test_zero_grad_defaults_to_none_like_torch():
    p = engine.tensor([1.0], requires_grad=True)
    opt = optim.SGD([p], lr=0.1)
    (p * 3).sum().backward()
    opt.zero_grad(set_to_none=False)
    assert p.grad.item() == 0.0
    opt.zero_grad()
    assert p.grad is None


def test_param_groups_have_their_own_options():
    a = engine.tensor([1.0], requires_grad=True)
    b = engine.tensor([1.0], requires_grad=True)
    opt = optim.SGD([{"params": [a]}, {"params": [b], "lr": 1.0}], lr=0.1, momentum=0.5)
    assert opt.param_groups[0]["lr"] == 0.1 and opt.param_groups[1]["lr"] == 1.0
    assert opt.param_groups[1]["momentum"] == 0.5
    (a + b).sum().backward()
    opt.step()
    assert a.item() == pytest.approx(0.9) and b.item() == pytest.approx(0.0)
    opt.param_groups[0]["lr"] = 0.0  # schedulers change lr this way
    opt.step()
    assert a.item() == pytest.approx(0.9)


def test_gradient_descent_on_a_quadratic_converges():
    x = engine.tensor([3.0, -2.0], requires_grad=True)
    opt = optim.Adam([x], lr=0.1)
    for _ in range(300):
        opt.zero_grad()
        loss = ((x - engine.tensor([1.0, 2.0])) ** 2).sum()
        loss.backward()
        opt.step()
    np.testing.assert_allclose(x.detach().numpy(), [1.0, 2.0], atol=1e-3)


def test_closure_is_called_and_its_loss_returned():
    x = engine.tensor([2.0], requires_grad=True)
    opt = optim.SGD([x], lr=0.25)

    def closure():
        opt.zero_grad()
        loss = (x * x).sum()
        loss.backward()
        return loss

    assert opt.step(closure).item() == 4.0
    assert x.item() == 1.0


def test_state_dict_round_trip_continues_identically():
    def make():
        engine.manual_seed(0)
        model = nn.Linear(3, 1)
        return model, optim.Adam(model.parameters(), lr=0.05)

    x, y = engine.randn(8, 3), engine.randn(8, 1)

    def train(model, opt, steps):
        for _ in range(steps):
            opt.zero_grad()
            nn.functional.mse_loss(model(x), y).backward()
            opt.step()

    m1, o1 = make()
    train(m1, o1, 6)
    m2, o2 = make()
    train(m2, o2, 3)
    m3, o3 = make()
    m3.load_state_dict(m2.state_dict())
    o3.load_state_dict(o2.state_dict())
    train(m3, o3, 3)
    np.testing.assert_array_equal(m3.weight.detach().numpy(), m1.weight.detach().numpy())


def test_optimizer_errors_match_torch():
    p = engine.zeros(2, requires_grad=True)
    with pytest.raises(TypeError, match="params argument given to the optimizer should be an "
                                        "iterable of Tensors or dicts, but got torch.FloatTensor"):
        optim.SGD(p, lr=0.1)
    with pytest.raises(ValueError, match="optimizer got an empty parameter list"):
        optim.SGD([], lr=0.1)
    with pytest.raises(ValueError, match="Invalid learning rate: -0.1"):
        optim.SGD([p], lr=-0.1)
    with pytest.raises(ValueError, match="Nesterov momentum requires a momentum and zero dampening"):
        optim.SGD([p], lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="Invalid beta parameter at index 0: 1.0"):
        optim.Adam([p], betas=(1.0, 0.9))
    with pytest.raises(ValueError, match="can't optimize a non-leaf Tensor"):
        optim.SGD([p * 2], lr=0.1)


def test_repr_lists_group_options():
    text = repr(optim.SGD([engine.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9))
    assert text.startswith("SGD (\nParameter Group 0\n")
    assert "    lr: 0.1\n" in text and "    momentum: 0.9\n" in text and text.endswith(")")
