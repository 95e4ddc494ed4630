"""RMSprop, Adagrad, Adamax, NAdam, RAdam, Adadelta and LBFGS against PyTorch (float32, 20 steps,
on a quadratic and on an nn.Linear regression with weights copied across), their reprs, state and
errors; the extra lr schedulers' rates against PyTorch's over 30 steps."""
from __future__ import annotations

import copy

import numpy as np
import pytest

import engine
from engine import optim
from engine.optim import lr_scheduler

TARGET = np.array([1.5, -0.5, 0.25, 2.0], np.float32)
SCALE = np.array([1.0, 3.0, 0.5, 2.0], np.float32)
START = np.array([0.3, -0.7, 1.2, -1.1], np.float32)

OPTIMIZERS = [
    ("RMSprop", dict(lr=0.01)),
    ("RMSprop", dict(lr=0.01, momentum=0.9)),
    ("RMSprop", dict(lr=0.01, centered=True)),
    ("RMSprop", dict(lr=0.01, alpha=0.9, eps=1e-6, weight_decay=0.1, momentum=0.5,
                     centered=True)),
    ("RMSprop", dict(lr=0.01, maximize=True)),
    ("Adagrad", dict(lr=0.1)),
    ("Adagrad", dict(lr=0.1, lr_decay=0.01, weight_decay=0.05, initial_accumulator_value=0.1)),
    ("Adamax", dict()),
    ("Adamax", dict(lr=0.01, betas=(0.8, 0.9), weight_decay=0.1)),
    ("NAdam", dict(lr=0.01)),
    ("NAdam", dict(lr=0.01, weight_decay=0.1, momentum_decay=0.01)),
    ("NAdam", dict(lr=0.01, weight_decay=0.1, decoupled_weight_decay=True)),
    ("RAdam", dict(lr=0.01)),
    ("RAdam", dict(lr=0.01, weight_decay=0.1)),
    ("RAdam", dict(lr=0.01, betas=(0.8, 0.9), weight_decay=0.1, decoupled_weight_decay=True)),
    ("Adadelta", dict()),
    ("Adadelta", dict(lr=0.5, rho=0.8, eps=1e-5, weight_decay=0.1)),
]
IDS = [f"{name}-{'-'.join(f'{k}={v}' for k, v in kw.items())}" for name, kw in OPTIMIZERS]


def _quadratic_path(lib, name, kwargs) -> np.ndarray:
    w = lib.tensor(START.copy(), requires_grad=True)
    opt = getattr(lib.optim, name)([w], **kwargs)
    path = []
    for _ in range(20):
        opt.zero_grad()
        loss = (lib.tensor(SCALE) * (w - lib.tensor(TARGET)) ** 2).sum()
        loss.backward()
        opt.step()
        path.append(w.detach().numpy().copy())
    return np.array(path)


def _regression(lib, name, kwargs) -> tuple[np.ndarray, list[float]]:
    x = np.linspace(-1, 1, 24, dtype=np.float32).reshape(8, 3)
    y = (x @ np.array([[0.5], [-1.0], [2.0]], np.float32) + 0.3).astype(np.float32)
    model = lib.nn.Linear(3, 1)
    with lib.no_grad():
        model.weight.copy_(lib.tensor([[0.1, 0.2, -0.3]]))
        model.bias.copy_(lib.tensor([0.05]))
    opt = getattr(lib.optim, name)(model.parameters(), **kwargs)
    loss_fn = lib.nn.MSELoss()
    losses = []
    for _ in range(20):
        opt.zero_grad()
        loss = loss_fn(model(lib.tensor(x)), lib.tensor(y))
        loss.backward()
        opt.step()
        losses.append(loss.item())
    params = np.concatenate([model.weight.detach().numpy().ravel(),
                             model.bias.detach().numpy()])
    return params, losses


@pytest.mark.parametrize("name,kwargs", OPTIMIZERS, ids=IDS)
def test_optimizer_matches_torch_on_a_quadratic(name, kwargs):
    torch = pytest.importorskip("torch")
    mine, theirs = _quadratic_path(engine, name, kwargs), _quadratic_path(torch, name, kwargs)
    # torch's float32 sqrt (vectorised, not always correctly rounded) can differ by an ulp
    np.testing.assert_allclose(mine, theirs, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("name,kwargs", OPTIMIZERS, ids=IDS)
def test_optimizer_matches_torch_on_linear_regression(name, kwargs):
    torch = pytest.importorskip("torch")
    (mine, my_losses), (theirs, their_losses) = (_regression(engine, name, kwargs),
                                                 _regression(torch, name, kwargs))
    np.testing.assert_allclose(mine, theirs, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(my_losses, their_losses, rtol=1e-6)


def test_updates_are_bit_exact_given_the_same_gradients():
    """With the same float32 gradients (no sqrt involved) the updates are torch's bit for bit."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    grads = [rng.standard_normal(5).astype(np.float32) for _ in range(20)]
    for name, kwargs in [("RMSprop", dict(lr=0.01, momentum=0.9)),
                         ("Adamax", dict(lr=0.01, weight_decay=0.1)),
                         ("NAdam", dict(lr=0.01, weight_decay=0.1))]:
        paths = []
        for lib in (engine, torch):
            w = lib.tensor(START[:1].repeat(5), requires_grad=True)
            opt = getattr(lib.optim, name)([w], **kwargs)
            for g in grads:
                w.grad = lib.tensor(g)
                opt.step()
            paths.append(w.detach().numpy())
        assert np.array_equal(*paths), name


@pytest.mark.parametrize("name", ["RMSprop", "Adagrad", "Adamax", "NAdam", "RAdam", "Adadelta",
                                  "LBFGS"])
def test_repr_defaults_and_state_keys_match_torch(name):
    torch = pytest.importorskip("torch")
    opts = []
    for lib in (engine, torch):
        w = lib.tensor([1.0, -2.0], requires_grad=True)
        opt = getattr(lib.optim, name)([w])

        def closure(w=w, opt=opt):
            opt.zero_grad()
            loss = (w ** 2).sum()
            loss.backward()
            return loss
        opt.step(closure)
        opts.append((opt, w))
    (mine, w_mine), (theirs, w_theirs) = opts
    assert repr(mine) == repr(theirs)
    assert list(mine.state[w_mine]) == list(theirs.state[w_theirs])
    assert mine.defaults == theirs.defaults
    groups = [[k for k in o.state_dict()["param_groups"][0]] for o in (mine, theirs)]
    assert groups[0] == groups[1]


ERRORS = [
    ("RMSprop", dict(lr=-0.1), "Invalid learning rate: -0.1"),
    ("RMSprop", dict(eps=-1.0), "Invalid epsilon value: -1.0"),
    ("RMSprop", dict(momentum=-0.5), "Invalid momentum value: -0.5"),
    ("RMSprop", dict(weight_decay=-1), "Invalid weight_decay value: -1"),
    ("RMSprop", dict(alpha=-0.9), "Invalid alpha value: -0.9"),
    ("Adagrad", dict(lr_decay=-1), "Invalid lr_decay value: -1"),
    ("Adagrad", dict(initial_accumulator_value=-1),
     "Invalid initial_accumulator_value value: -1"),
    ("Adagrad", dict(eps=-1e-10), "Invalid epsilon value: -1e-10"),
    ("Adamax", dict(betas=(1.0, 0.9)), "Invalid beta parameter at index 0: 1.0"),
    ("Adamax", dict(betas=(0.9, -0.1)), "Invalid beta parameter at index 1: -0.1"),
    ("NAdam", dict(momentum_decay=-1.0), "Invalid momentum_decay value: -1.0"),
    ("NAdam", dict(lr=-1), "Invalid learning rate: -1"),
    ("RAdam", dict(weight_decay=-0.1), "Invalid weight_decay value: -0.1"),
    ("Adadelta", dict(rho=1.5), "Invalid rho value: 1.5"),
    ("LBFGS", dict(lr=-1.0), "Invalid learning rate: -1.0"),
]


@pytest.mark.parametrize("name,kwargs,message", ERRORS)
def test_invalid_hyperparameters_raise_torchs_errors(name, kwargs, message):
    w = engine.tensor([1.0], requires_grad=True)
    with pytest.raises(ValueError) as info:
        getattr(optim, name)([w], **kwargs)
    assert str(info.value) == message


def test_invalid_hyperparameter_messages_are_torchs():
    torch = pytest.importorskip("torch")
    for name, kwargs, message in ERRORS:
        with pytest.raises(ValueError) as info:
            getattr(torch.optim, name)([torch.tensor([1.0], requires_grad=True)], **kwargs)
        assert str(info.value) == message


def test_adagrad_state_exists_before_the_first_step():
    w = engine.tensor([1.0, 2.0], requires_grad=True)
    opt = optim.Adagrad([w], initial_accumulator_value=0.5)
    assert float(opt.state[w]["step"]) == 0.0
    assert opt.state[w]["sum"].tolist() == [0.5, 0.5]
    assert list(opt.state_dict()["state"][0]) == ["step", "sum"]


@pytest.mark.parametrize("name", ["RMSprop", "NAdam", "Adadelta"])
def test_state_dict_round_trip_continues_identically(name):
    def make():
        w = engine.tensor(START.copy(), requires_grad=True)
        return w, getattr(optim, name)([w], lr=0.05)

    def steps(w, opt, n):
        for _ in range(n):
            opt.zero_grad()
            ((w - engine.tensor(TARGET)) ** 2).sum().backward()
            opt.step()

    w1, opt1 = make()
    steps(w1, opt1, 5)
    w2, opt2 = make()
    with engine.no_grad():
        w2.copy_(w1)
    # a deep copy, as torch.save / torch.load give: a state_dict shares the live buffers
    opt2.load_state_dict(copy.deepcopy(opt1.state_dict()))
    steps(w1, opt1, 5)
    steps(w2, opt2, 5)
    assert np.array_equal(w1.detach().numpy(), w2.detach().numpy())


def test_add_param_group_gets_the_defaults():
    a, b = engine.tensor([1.0], requires_grad=True), engine.tensor([2.0], requires_grad=True)
    opt = optim.RMSprop([a], lr=0.1)
    opt.add_param_group({"params": [b], "momentum": 0.9})
    assert opt.param_groups[1]["lr"] == 0.1 and opt.param_groups[1]["momentum"] == 0.9
    with pytest.raises(ValueError, match="some parameters appear in more than one parameter group"):
        opt.add_param_group({"params": [a]})
    with pytest.raises(TypeError, match="param_group must be a dict, but got <class 'list'>"):
        opt.add_param_group([b])
    with pytest.raises(TypeError, match="optimizer parameters need to be organized in ordered "
                                        "collections"):
        opt.add_param_group({"params": {b}})


# ---------------------------------------------------------------------------------------------
# L-BFGS
# ---------------------------------------------------------------------------------------------
def _rosenbrock_run(lib, steps=10, **kwargs):
    x = lib.tensor([-1.5, 2.0], requires_grad=True)
    opt = lib.optim.LBFGS([x], **kwargs)

    def closure():
        opt.zero_grad()
        loss = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
        loss.backward()
        return loss

    path, losses = [], []
    for _ in range(steps):
        losses.append(opt.step(closure).item())
        path.append(x.detach().numpy().copy())
    state = opt.state[x]
    return np.array(path), losses, state["func_evals"], state["n_iter"]


LBFGS_CASES = [dict(), dict(line_search_fn="strong_wolfe"),
               dict(lr=0.5, history_size=5, max_iter=7),
               dict(line_search_fn="strong_wolfe", history_size=3, max_iter=4, max_eval=6)]


@pytest.mark.parametrize("kwargs", LBFGS_CASES)
def test_lbfgs_follows_torch_on_rosenbrock(kwargs):
    torch = pytest.importorskip("torch")
    mine, theirs = _rosenbrock_run(engine, **kwargs), _rosenbrock_run(torch, **kwargs)
    np.testing.assert_allclose(mine[0], theirs[0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(mine[1], theirs[1], rtol=1e-5, atol=1e-9)
    assert mine[2:] == theirs[2:]  # the same number of evaluations and iterations


@pytest.mark.parametrize("line_search_fn", [None, "strong_wolfe"])
def test_lbfgs_minimises_rosenbrock(line_search_fn):
    path, losses, _, _ = _rosenbrock_run(engine, steps=10, line_search_fn=line_search_fn)
    np.testing.assert_allclose(path[-1], [1.0, 1.0], atol=1e-3)
    assert losses[-1] < 1e-6


def test_lbfgs_on_a_model_and_its_checks():
    torch = pytest.importorskip("torch")
    results = []
    for lib in (engine, torch):
        x = lib.tensor(np.linspace(-1, 1, 10, dtype=np.float32).reshape(5, 2))
        y = lib.tensor(np.array([[1.0], [0.5], [0.0], [-0.5], [-1.0]], np.float32))
        model = lib.nn.Linear(2, 1)
        with lib.no_grad():
            model.weight.copy_(lib.tensor([[0.3, -0.2]]))
            model.bias.copy_(lib.tensor([0.1]))
        opt = lib.optim.LBFGS(model.parameters(), lr=0.8, line_search_fn="strong_wolfe")

        def closure(opt=opt, model=model, x=x, y=y, lib=lib):
            opt.zero_grad()
            loss = lib.nn.functional.mse_loss(model(x), y)
            loss.backward()
            return loss
        for _ in range(3):
            opt.step(closure)
        results.append(np.concatenate([model.weight.detach().numpy().ravel(),
                                       model.bias.detach().numpy()]))
    np.testing.assert_allclose(results[0], results[1], rtol=1e-5, atol=1e-6)
    a, b = engine.tensor([1.0], requires_grad=True), engine.tensor([1.0], requires_grad=True)
    with pytest.raises(ValueError, match=r"LBFGS doesn't support per-parameter options "
                                         r"\(parameter groups\)"):
        optim.LBFGS([{"params": [a]}, {"params": [b]}])
    opt = optim.LBFGS([a], line_search_fn="backtracking")
    with pytest.raises(RuntimeError, match="only 'strong_wolfe' is supported"):
        opt.step(lambda: ((a - 3) ** 2).sum().backward() or ((a - 3) ** 2).sum())


def test_optimizer_classes_print_torch_module_names(fresh_python):
    proc = fresh_python("""
        import engine.torch_alias as alias
        alias.install()
        import torch
        x = torch.tensor([1.0], requires_grad=True)
        for name in ["RMSprop", "Adagrad", "Adamax", "NAdam", "RAdam", "Adadelta", "LBFGS"]:
            print(type(getattr(torch.optim, name)([x])))
        print(type(torch.optim.lr_scheduler.OneCycleLR(torch.optim.SGD([x]), 1.0, 10)))
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "<class 'torch.optim.rmsprop.RMSprop'>", "<class 'torch.optim.adagrad.Adagrad'>",
        "<class 'torch.optim.adamax.Adamax'>", "<class 'torch.optim.nadam.NAdam'>",
        "<class 'torch.optim.radam.RAdam'>", "<class 'torch.optim.adadelta.Adadelta'>",
        "<class 'torch.optim.lbfgs.LBFGS'>", "<class 'torch.optim.lr_scheduler.OneCycleLR'>"]


# ---------------------------------------------------------------------------------------------
# lr schedulers
# ---------------------------------------------------------------------------------------------
def _sgd(lib, momentum=0.9):
    a = lib.tensor([1.0], requires_grad=True)
    b = lib.tensor([2.0], requires_grad=True)
    return lib.optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.05}], lr=0.1,
                         momentum=momentum)


def _adam(lib):
    return lib.optim.Adam([lib.tensor([1.0], requires_grad=True)], lr=0.01)


SCHEDULERS = {
    "LinearLR": lambda s, o: s.LinearLR(o),
    "LinearLR-down": lambda s, o: s.LinearLR(o, start_factor=1.0, end_factor=0.1,
                                              total_iters=12),
    "ConstantLR": lambda s, o: s.ConstantLR(o, factor=0.5, total_iters=4),
    "PolynomialLR": lambda s, o: s.PolynomialLR(o, total_iters=20, power=2.0),
    "MultiplicativeLR": lambda s, o: s.MultiplicativeLR(o, lambda epoch: 0.95),
    "OneCycleLR": lambda s, o: s.OneCycleLR(o, max_lr=[1.0, 0.5], total_steps=31),
    "OneCycleLR-linear-3phase": lambda s, o: s.OneCycleLR(
        o, max_lr=0.3, epochs=4, steps_per_epoch=8, anneal_strategy="linear", three_phase=True,
        pct_start=0.25),
    "CosineAnnealingWarmRestarts": lambda s, o: s.CosineAnnealingWarmRestarts(o, T_0=4, T_mult=2,
                                                                              eta_min=0.001),
    "CosineAnnealingWarmRestarts-1": lambda s, o: s.CosineAnnealingWarmRestarts(o, T_0=7),
    "CyclicLR": lambda s, o: s.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=4),
    "CyclicLR-triangular2": lambda s, o: s.CyclicLR(o, base_lr=[0.01, 0.02], max_lr=0.1,
                                                    step_size_up=3, step_size_down=5,
                                                    mode="triangular2"),
    "CyclicLR-exp_range": lambda s, o: s.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=4,
                                                  mode="exp_range", gamma=0.95),
    "SequentialLR": lambda s, o: s.SequentialLR(
        o, [s.LinearLR(o, start_factor=0.1, total_iters=5), s.ExponentialLR(o, gamma=0.9)],
        milestones=[5]),
    "SequentialLR-3": lambda s, o: s.SequentialLR(
        o, [s.ConstantLR(o, factor=0.5, total_iters=3), s.StepLR(o, step_size=4, gamma=0.5),
            s.CosineAnnealingLR(o, T_max=8)], milestones=[6, 14]),
    "ChainedScheduler": lambda s, o: s.ChainedScheduler(
        [s.ConstantLR(o, factor=0.1, total_iters=2), s.ExponentialLR(o, gamma=0.9)]),
}


def _lr_sequence(lib, build, make_opt=_sgd):
    opt = make_opt(lib)
    sched = build(lib.optim.lr_scheduler, opt)
    lrs = [sched.get_last_lr()]
    momenta = [[g.get("momentum", g.get("betas", (None,))[0]) for g in opt.param_groups]]
    for _ in range(30):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr())
        momenta.append([g.get("momentum", g.get("betas", (None,))[0]) for g in opt.param_groups])
    return lrs, momenta


@pytest.mark.parametrize("name", list(SCHEDULERS))
def test_scheduler_rates_match_torch(name):
    torch = pytest.importorskip("torch")
    mine, theirs = _lr_sequence(engine, SCHEDULERS[name]), _lr_sequence(torch, SCHEDULERS[name])
    np.testing.assert_allclose(np.array(mine[0]), np.array(theirs[0]), rtol=1e-12, atol=0)
    np.testing.assert_allclose(np.array(mine[1]), np.array(theirs[1]), rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", ["OneCycleLR", "CyclicLR"])
def test_cycled_beta1_matches_torch(name):
    torch = pytest.importorskip("torch")
    build = {"OneCycleLR": lambda s, o: s.OneCycleLR(o, max_lr=0.1, total_steps=30),
             "CyclicLR": lambda s, o: s.CyclicLR(o, base_lr=0.001, max_lr=0.01, step_size_up=5)}
    mine = _lr_sequence(engine, build[name], _adam)
    theirs = _lr_sequence(torch, build[name], _adam)
    np.testing.assert_allclose(np.array(mine[0]), np.array(theirs[0]), rtol=1e-12, atol=0)
    np.testing.assert_allclose(np.array(mine[1]), np.array(theirs[1]), rtol=1e-12, atol=0)


def test_warm_restarts_with_fractional_epochs_match_torch():
    torch = pytest.importorskip("torch")
    seqs = []
    for lib in (engine, torch):
        opt = _sgd(lib)
        sched = lib.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=3, T_mult=2)
        seq = []
        for epoch in range(6):
            for i in range(4):
                opt.step()
                sched.step(epoch + i / 4)
                seq.append(sched.get_last_lr())
        seqs.append(seq)
    np.testing.assert_allclose(np.array(seqs[0]), np.array(seqs[1]), rtol=1e-12)


def test_one_cycle_stepping_past_total_steps_raises_torchs_error():
    opt = _sgd(engine)
    sched = lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=3)
    for _ in range(3):
        opt.step()
        sched.step()
    with pytest.raises(ValueError, match="Tried to step 4 times. The specified number of total "
                                         "steps is 3"):
        sched.step()


SCHEDULER_ERRORS = [
    (lambda s, o: s.LinearLR(o, start_factor=0),
     "Starting multiplicative factor expected to be greater than 0 and less or equal to 1."),
    (lambda s, o: s.LinearLR(o, end_factor=1.5),
     "Ending multiplicative factor expected to be between 0 and 1."),
    (lambda s, o: s.ConstantLR(o, factor=2.0),
     "Constant multiplicative factor expected to be between 0 and 1."),
    (lambda s, o: s.CosineAnnealingWarmRestarts(o, T_0=0),
     "Expected positive integer T_0, but got 0"),
    (lambda s, o: s.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=0),
     "Expected integer T_mult >= 1, but got 0"),
    (lambda s, o: s.OneCycleLR(o, max_lr=0.1),
     "You must define either total_steps OR (epochs AND steps_per_epoch)"),
    (lambda s, o: s.OneCycleLR(o, max_lr=0.1, total_steps=10, pct_start=1),
     "Expected float between 0 and 1 pct_start, but got 1"),
    (lambda s, o: s.OneCycleLR(o, max_lr=[0.1], total_steps=10),
     "max_lr must have the same length as optimizer.param_groups. max_lr has 1 values, "
     "param_groups has 2."),
    (lambda s, o: s.CyclicLR(o, 0.01, 0.1, mode="square"), "mode is invalid and scale_fn is None"),
    (lambda s, o: s.SequentialLR(o, [s.ConstantLR(o)], milestones=[3]),
     "Sequential Schedulers expects number of schedulers provided to be one more than the number "
     "of milestone points, but got number of schedulers 1 and the number of milestones to be "
     "equal to 1"),
    (lambda s, o: s.ChainedScheduler([]),
     "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler."),
    (lambda s, o: s.SequentialLR(o, [s.ReduceLROnPlateau(o)], milestones=[]),
     "SequentialLR does not support `ReduceLROnPlateau` scheduler as it requires additional "
     "kwargs to be specified when calling `step`, but got one at index 0 in the given schedulers "
     "sequence."),
]


@pytest.mark.parametrize("build,message", SCHEDULER_ERRORS)
def test_scheduler_errors_match_torch(build, message):
    with pytest.raises(ValueError) as info:
        build(lr_scheduler, _sgd(engine))
    assert str(info.value) == message
    torch = pytest.importorskip("torch")
    with pytest.raises(ValueError) as info:
        build(torch.optim.lr_scheduler, _sgd(torch))
    assert str(info.value) == message


def test_cyclic_lr_needs_momentum():
    with pytest.raises(ValueError, match="optimizer must support momentum or beta1 with "
                                         "`cycle_momentum` option enabled"):
        lr_scheduler.CyclicLR(optim.Adagrad([engine.tensor([1.0], requires_grad=True)]),
                              0.01, 0.1)


def test_sequential_lr_state_dict_nests_its_schedulers():
    opt = _sgd(engine)
    sched = lr_scheduler.SequentialLR(
        opt, [lr_scheduler.ConstantLR(opt), lr_scheduler.ExponentialLR(opt, 0.9)], [3])
    for _ in range(4):
        opt.step()
        sched.step()
    state = sched.state_dict()
    assert [s["last_epoch"] for s in state["_schedulers"]] == [2, 1]  # as torch
    opt2 = _sgd(engine)
    other = lr_scheduler.SequentialLR(
        opt2, [lr_scheduler.ConstantLR(opt2), lr_scheduler.ExponentialLR(opt2, 0.9)], [3])
    other.load_state_dict(state)
    assert other.last_epoch == sched.last_epoch == 4
    assert other._schedulers[1].last_epoch == 1
