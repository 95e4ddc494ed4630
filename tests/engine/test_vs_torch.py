"""Differential tests: the engine against real PyTorch (skipped when PyTorch is absent).

Seeded random expressions over the op set (elementwise unary, broadcasting binary, reductions
with dim/keepdim, matmul shapes, indexing, shape ops, nn.functional) are evaluated by both
libraries from the same inputs; values and the gradients of every input must agree, in float32
and float64. Then whole training trajectories (SGD with momentum, Adam, an MLP) are compared.
"""
from __future__ import annotations

import random
from typing import Any, Callable

import numpy as np
import pytest

import engine
import engine.nn
import engine.nn.functional
import engine.optim

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.torch

LIBS = {"engine": engine, "torch": torch}


def F(lib: Any) -> Any:
    return lib.nn.functional


# Each op: (name, arity, fn(lib, *tensors) -> tensor). Domains are kept smooth and bounded by
# construction (log(a*a+1), exp(tanh(a))...) so both libraries see well-conditioned values.
UNARY: list[tuple[str, Callable[..., Any]]] = [
    ("sin", lambda L, a: L.sin(a)), ("cos", lambda L, a: L.cos(a)),
    ("tanh", lambda L, a: L.tanh(a)), ("sigmoid", lambda L, a: L.sigmoid(a)),
    ("exp_tanh", lambda L, a: L.exp(L.tanh(a))), ("log1p_sq", lambda L, a: L.log(a * a + 1)),
    ("sqrt_sq", lambda L, a: L.sqrt(a * a + 1)), ("abs", lambda L, a: L.abs(a)),
    ("neg", lambda L, a: -a), ("relu", lambda L, a: L.relu(a)), ("square", lambda L, a: a ** 2),
    ("cube", lambda L, a: a ** 3), ("recip", lambda L, a: 1 / (a * a + 1)),
    ("rsub", lambda L, a: 2.5 - a), ("scale", lambda L, a: a * 0.7 + 0.1),
    ("clamp", lambda L, a: L.clamp(a, -0.5, 0.8)), ("pow_frac", lambda L, a: (a * a + 1) ** 0.75),
    ("celu", lambda L, a: F(L).celu(a)), ("elu", lambda L, a: F(L).elu(a, 0.7)),
    ("gelu", lambda L, a: F(L).gelu(a)), ("gelu_tanh", lambda L, a: F(L).gelu(a, approximate="tanh")),
    ("softplus", lambda L, a: F(L).softplus(a)), ("leaky", lambda L, a: F(L).leaky_relu(a, 0.1)),
    ("softmax", lambda L, a: F(L).softmax(a, dim=-1)),
    ("log_softmax", lambda L, a: F(L).log_softmax(a, dim=0)),
]
BINARY: list[tuple[str, Callable[..., Any]]] = [
    ("add", lambda L, a, b: a + b), ("sub", lambda L, a, b: a - b), ("mul", lambda L, a, b: a * b),
    ("div", lambda L, a, b: a / (b * b + 1)), ("maximum", lambda L, a, b: L.maximum(a, b)),
    ("minimum", lambda L, a, b: L.minimum(a, b)), ("pow", lambda L, a, b: (a * a + 1) ** L.tanh(b)),
    ("where", lambda L, a, b: L.where(a > b, a, b * 2)),
]


def reductions(rng: random.Random, ndim: int) -> tuple[str, Callable[..., Any]]:
    dim = rng.randrange(ndim)
    keep = rng.random() < 0.5
    choices = [
        (f"sum({dim},{keep})", lambda L, a: a.sum(dim, keepdim=keep)),
        (f"mean({dim},{keep})", lambda L, a: a.mean(dim, keepdim=keep)),
        (f"max({dim},{keep})", lambda L, a: a.max(dim, keepdim=keep)[0]),
        (f"min({dim},{keep})", lambda L, a: a.min(dim, keepdim=keep).values),
        (f"var({dim},{keep})", lambda L, a: a.var(dim, keepdim=keep)),
        (f"std({dim})", lambda L, a: a.std(dim)),
        (f"prod({dim})", lambda L, a: a.prod(dim)),
        (f"norm({dim})", lambda L, a: a.norm(dim=dim)),
        ("sum()", lambda L, a: a.sum()), ("mean()", lambda L, a: a.mean()),
    ]
    return rng.choice(choices)


def broadcast_partner(rng: random.Random, shape: tuple[int, ...]) -> tuple[int, ...]:
    """A shape that broadcasts against `shape`: trailing dims kept, some set to 1, maybe fewer."""
    start = rng.randrange(len(shape) + 1) if shape else 0
    return tuple(1 if rng.random() < 0.3 else d for d in shape[start:])


def _broadcasts(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    try:
        np.broadcast_shapes(a, b)
    except ValueError:
        return False
    return True


class Program:
    """A random straight-line program; `run(lib, inputs)` replays it with either library."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.shapes: list[tuple[int, ...]] = [tuple(rng.randint(2, 4) for _ in range(rng.randint(1, 3)))]
        self.steps: list[tuple[str, Any]] = []
        shape = self.shapes[0]
        for _ in range(rng.randint(3, 7)):
            kind = rng.random()
            if kind < 0.4 or not shape:
                name, fn = rng.choice(UNARY)
                if not shape and name in ("softmax", "log_softmax"):
                    continue
                self.steps.append((name, ("unary", fn)))
            elif kind < 0.65:
                name, fn = rng.choice(BINARY)
                reusable = [i for i, s in enumerate(self.shapes) if _broadcasts(s, shape)]
                if reusable and rng.random() < 0.3:
                    # an input used again (often broadcast): its gradients from both uses add up
                    self.steps.append((name + "(reused)", ("binary", fn, rng.choice(reusable))))
                    shape = np.broadcast_shapes(shape, self.shapes[self.steps[-1][1][2]])
                    continue
                partner = broadcast_partner(rng, shape)
                self.shapes.append(partner)
                self.steps.append((name, ("binary", fn, len(self.shapes) - 1)))
            elif kind < 0.75 and len(shape) >= 1:
                other = (shape[-1], rng.randint(2, 4)) if rng.random() < 0.7 else (shape[-1],)
                self.shapes.append(other)
                self.steps.append(("matmul", ("binary", lambda L, a, b: a @ b,
                                              len(self.shapes) - 1)))
                shape = shape[:-1] + other[1:]
                continue
            elif kind < 0.87:
                name, fn = reductions(rng, len(shape))
                self.steps.append((name, ("unary", fn)))
                shape = self._reduced(shape, name)
                continue
            else:
                name, fn, shape = self._reshaping(rng, shape)
                self.steps.append((name, ("unary", fn)))
                continue

    @staticmethod
    def _reduced(shape: tuple[int, ...], name: str) -> tuple[int, ...]:
        if name.endswith("()"):
            return ()
        inside = name[name.index("(") + 1:-1].split(",")
        dim, keep = int(inside[0]), len(inside) > 1 and inside[1] == "True"
        return shape[:dim] + ((1,) if keep else ()) + shape[dim + 1:]

    @staticmethod
    def _reshaping(rng: random.Random, shape: tuple[int, ...]):
        n = len(shape)
        options = [("reshape(-1)", lambda L, a: a.reshape(-1), (int(np.prod(shape)),)),
                   ("unsqueeze(0)", lambda L, a: a.unsqueeze(0), (1,) + shape),
                   ("index0", lambda L, a: a[0], shape[1:]),
                   ("slice", lambda L, a: a[..., 1:], shape[:-1] + (shape[-1] - 1,)),
                   ("fancy", lambda L, a: a[[0, -1, 0]], (3,) + shape[1:]),
                   ("cat", lambda L, a: L.cat([a, a * 2], 0), (2 * shape[0],) + shape[1:]),
                   ("stack", lambda L, a: L.stack([a, -a], 0), (2,) + shape)]
        if n >= 2:
            options += [("transpose", lambda L, a: a.transpose(0, n - 1),
                         (shape[-1],) + shape[1:-1] + (shape[0],)),
                        ("T", lambda L, a: a.permute(*reversed(range(n))), shape[::-1])]
        return rng.choice(options)

    def run(self, lib: Any, arrays: list[np.ndarray], dtype: Any) -> tuple[Any, list[Any]]:
        inputs = [lib.tensor(a, dtype=dtype, requires_grad=True) for a in arrays]
        x = inputs[0]
        for _, step in self.steps:
            if step[0] == "unary":
                x = step[1](lib, x)
            else:
                x = step[1](lib, x, inputs[step[2]])
        return x, inputs


def compare(program: Program, seed: int, dtype_name: str) -> None:
    rng = np.random.default_rng(seed)
    arrays = [rng.uniform(-1.5, 1.5, size=s) for s in program.shapes]
    results = {}
    for name, lib in LIBS.items():
        out, inputs = program.run(lib, arrays, getattr(lib, dtype_name))
        weights = np.random.default_rng(seed + 1).standard_normal(tuple(out.shape))
        (out * lib.tensor(weights, dtype=out.dtype)).sum().backward()
        grads = [None if t.grad is None else t.grad.detach().numpy().astype(np.float64)
                 for t in inputs]
        results[name] = (out.detach().numpy().astype(np.float64), grads, str(out.dtype))
    (ev, eg, edt), (tv, tg, tdt) = results["engine"], results["torch"]
    where = f"seed {seed} {dtype_name}: {[n for n, _ in program.steps]} shapes {program.shapes}"
    assert edt == tdt, where
    rtol = 1e-9 if dtype_name == "float64" else 2e-4
    assert ev.shape == tv.shape, where
    scale = max(1.0, float(np.abs(tv).max(initial=0)))
    np.testing.assert_allclose(ev, tv, rtol=rtol, atol=rtol * scale, err_msg=where)
    for i, (a, b) in enumerate(zip(eg, tg)):
        assert (a is None) == (b is None), f"{where}: input {i} grad presence"
        if a is not None:
            scale = max(1.0, float(np.abs(b).max(initial=0)))
            np.testing.assert_allclose(a, b, rtol=rtol, atol=rtol * scale,
                                       err_msg=f"{where}: grad of input {i}")


@pytest.mark.parametrize("dtype_name", ["float64", "float32"])
@pytest.mark.parametrize("seed", range(150))
def test_random_expressions_match_torch(seed, dtype_name):
    compare(Program(seed), seed, dtype_name)


def run_both(fn: Callable[..., Any], arrays: list[np.ndarray], dtype_name: str) -> None:
    """fn(lib, *leaves) in both libraries; values and every input's gradient must agree."""
    got = {}
    for name, L in LIBS.items():
        leaves = [L.tensor(a, dtype=getattr(L, dtype_name), requires_grad=True) for a in arrays]
        out = fn(L, *leaves)
        w = np.cos(np.arange(out.numel())).reshape(tuple(out.shape))
        (out * L.tensor(w, dtype=out.dtype)).sum().backward()
        got[name] = (out.detach().numpy(), [t.grad.numpy() for t in leaves])
    rtol = 1e-10 if dtype_name == "float64" else 1e-5
    (ev, eg), (tv, tg) = got["engine"], got["torch"]
    assert ev.shape == tv.shape
    np.testing.assert_allclose(ev, tv, rtol=rtol, atol=rtol)
    for a, b in zip(eg, tg):
        np.testing.assert_allclose(a, b, rtol=rtol, atol=rtol)


@pytest.mark.parametrize("dtype_name", ["float64", "float32"])
@pytest.mark.parametrize("shapes", [
    ((3,), (3,)), ((3,), (3, 4)), ((2, 3), (3,)), ((2, 3), (3, 4)), ((5, 2, 3), (3, 4)),
    ((2, 3), (5, 3, 4)), ((5, 2, 3), (5, 3, 4)), ((2, 1, 2, 3), (5, 3, 4)), ((3,), (5, 3, 2)),
    ((5, 2, 3), (3,)),
])
def test_matmul_shapes_match_torch(shapes, dtype_name):
    rng = np.random.default_rng(len(shapes[0]) * 10 + len(shapes[1]))
    run_both(lambda L, a, b: L.matmul(a, b), [rng.standard_normal(s) for s in shapes], dtype_name)


@pytest.mark.parametrize("dtype_name", ["float64", "float32"])
@pytest.mark.parametrize("name, fn", [
    ("int", lambda L, a: a[1]), ("neg_int", lambda L, a: a[-1, 2]),
    ("slices", lambda L, a: a[1:, ::2]), ("ellipsis_none", lambda L, a: a[..., None, 1]),
    ("fancy_repeat", lambda L, a: a[[0, 2, 0, 0]]), ("fancy_2d", lambda L, a: a[[0, 1], [2, 2]]),
    ("tensor_index", lambda L, a: a[L.tensor([2, 0, 2])]), ("bool_mask", lambda L, a: a[a > 0.2]),
    ("bool_rows", lambda L, a: a[L.tensor([True, False, True])]),
    ("mixed", lambda L, a: a[1:, [0, 3]]),
])
def test_indexing_matches_torch(name, fn, dtype_name):
    rng = np.random.default_rng(3)
    run_both(fn, [rng.standard_normal((3, 4))], dtype_name)


# ---- nn.functional losses, both dtypes, all reductions ---------------------------------------
def loss_cases(L: Any, dtype: Any, rng_seed: int = 0) -> dict[str, Callable[[], tuple[Any, list]]]:
    rng = np.random.default_rng(rng_seed)
    x = rng.standard_normal((6, 4))
    t = rng.standard_normal((6, 4))
    p = 1 / (1 + np.exp(-x))
    u = rng.uniform(size=(6, 4))
    cls = rng.integers(0, 4, size=6)
    cls[2] = -100
    probs = np.exp(x) / np.exp(x).sum(1, keepdims=True)
    w = rng.uniform(0.5, 2, size=4)
    f = F(L)

    def leaf(a):
        return L.tensor(a, dtype=dtype, requires_grad=True)

    def case(fn, *arrays):
        def go():
            leaves = [leaf(a) for a in arrays]
            return fn(*leaves), leaves
        return go

    cases = {}
    for red in ("mean", "sum", "none"):
        cases[f"mse_{red}"] = case(lambda a, b: f.mse_loss(a, b, reduction=red), x, t)
        cases[f"l1_{red}"] = case(lambda a, b: f.l1_loss(a, b, reduction=red), x, t)
        cases[f"bce_{red}"] = case(lambda a, b: f.binary_cross_entropy(a, b, reduction=red), p, u)
        cases[f"bcel_{red}"] = case(lambda a, b: f.binary_cross_entropy_with_logits(
            a, b, reduction=red, pos_weight=L.tensor(w, dtype=dtype)), x, u)
        cases[f"ce_{red}"] = case(lambda a: f.cross_entropy(
            a, L.tensor(cls), reduction=red, weight=L.tensor(w, dtype=dtype)), x)
        cases[f"ce_ls_{red}"] = case(lambda a: f.cross_entropy(
            a, L.tensor(cls), reduction=red, label_smoothing=0.2), x)
        cases[f"ce_prob_{red}"] = case(lambda a: f.cross_entropy(
            a, L.tensor(probs, dtype=dtype), reduction=red), x)
        cases[f"nll_{red}"] = case(lambda a: f.nll_loss(
            f.log_softmax(a, 1), L.tensor(cls), reduction=red), x)
    cases["linear"] = case(lambda a, b, c: f.linear(a, b, c), x, t[:3], w[:3])
    return cases


@pytest.mark.parametrize("dtype_name", ["float64", "float32"])
@pytest.mark.parametrize("name", list(loss_cases(engine, engine.float32)))
def test_losses_match_torch(name, dtype_name):
    got = {}
    for lib_name, L in LIBS.items():
        out, leaves = loss_cases(L, getattr(L, dtype_name))[name]()
        (out * L.tensor(np.linspace(0.5, 1.5, out.numel()).reshape(tuple(out.shape)),
                        dtype=out.dtype)).sum().backward()
        got[lib_name] = (out.detach().numpy(), [t.grad.numpy() for t in leaves],
                         type(out.grad_fn).__name__ if lib_name == "torch" else out.grad_fn.name())
    rtol = 1e-10 if dtype_name == "float64" else 1e-5
    np.testing.assert_allclose(got["engine"][0], got["torch"][0], rtol=rtol, atol=rtol)
    for a, b in zip(got["engine"][1], got["torch"][1]):
        np.testing.assert_allclose(a, b, rtol=rtol, atol=rtol)
    if name.startswith(("mse", "bce", "ce_", "nll", "linear")) and "prob" not in name \
            and "_ls_" not in name:
        assert got["engine"][2] == got["torch"][2]


def test_celu_network_from_seed_002_matches_torch_in_float32():
    rng = np.random.default_rng(7)
    Ws = [rng.standard_normal(s).astype(np.float32) for s in ((3, 10), (10, 10), (10, 1))]
    out = {}
    for name, L in LIBS.items():
        W1, W2, W3 = (L.tensor(w, requires_grad=True) for w in Ws)
        x = L.Tensor([1., -2., 3.])
        f = F(L)
        y = f.celu(L.matmul(W3.T, f.celu(L.matmul(W2.T, f.celu(L.matmul(W1.T, x))))))
        loss = L.mean((y - L.zeros([1])) ** 2)
        loss.backward()
        out[name] = (repr(loss), [repr(w.grad) for w in (W1, W2, W3)])
    assert out["engine"][0] == out["torch"][0]
    assert out["engine"][1] == out["torch"][1]


# ---- optimiser trajectories ---------------------------------------------------------------------
def rosenbrock_path(L: Any, make_opt: Callable[[Any, list], Any], steps: int = 100,
                    dtype_name: str = "float32") -> np.ndarray:
    xy = L.tensor([-1.5, 2.0], dtype=getattr(L, dtype_name), requires_grad=True)
    opt = make_opt(L, [xy])
    path = []
    for _ in range(steps):
        opt.zero_grad()
        loss = (1 - xy[0]) ** 2 + 100 * (xy[1] - xy[0] ** 2) ** 2
        loss.backward()
        opt.step()
        path.append(xy.detach().numpy().copy())
    return np.array(path, dtype=np.float64)


@pytest.mark.parametrize("dtype_name", ["float32", "float64"])
@pytest.mark.parametrize("name, make_opt", [
    ("sgd_momentum", lambda L, p: L.optim.SGD(p, lr=1e-4, momentum=0.9)),
    ("sgd_nesterov_wd", lambda L, p: L.optim.SGD(p, lr=1e-4, momentum=0.8, nesterov=True,
                                                 weight_decay=0.01)),
    ("sgd_dampening", lambda L, p: L.optim.SGD(p, lr=1e-4, momentum=0.9, dampening=0.3)),
    ("adam", lambda L, p: L.optim.Adam(p, lr=0.05)),
    ("adam_amsgrad_wd", lambda L, p: L.optim.Adam(p, lr=0.05, weight_decay=0.1, amsgrad=True)),
    ("adamw", lambda L, p: L.optim.AdamW(p, lr=0.05)),
])
def test_rosenbrock_trajectories_match_torch(name, make_opt, dtype_name):
    e = rosenbrock_path(engine, make_opt, dtype_name=dtype_name)
    t = rosenbrock_path(torch, make_opt, dtype_name=dtype_name)
    if dtype_name == "float32":  # torch's fused float32 kernels are reproduced bit for bit
        np.testing.assert_array_equal(e, t)
    else:  # float64: numpy rounds a + alpha*b twice where torch's FMA rounds once
        np.testing.assert_allclose(e, t, rtol=1e-12, atol=1e-12)


def test_mlp_training_with_same_init_matches_torch():
    torch.manual_seed(0)
    tmodel = torch.nn.Sequential(torch.nn.Linear(5, 16), torch.nn.GELU(), torch.nn.Linear(16, 3))
    emodel = engine.nn.Sequential(engine.nn.Linear(5, 16), engine.nn.GELU(),
                                  engine.nn.Linear(16, 3))
    emodel.load_state_dict({k: v.numpy() for k, v in tmodel.state_dict().items()})
    rng = np.random.default_rng(0)
    x = rng.standard_normal((32, 5)).astype(np.float32)
    y = rng.integers(0, 3, size=32)
    losses = {}
    for name, L, model in (("engine", engine, emodel), ("torch", torch, tmodel)):
        opt = L.optim.Adam(model.parameters(), lr=0.01)
        lossf = L.nn.CrossEntropyLoss()
        seq = []
        for _ in range(50):
            opt.zero_grad()
            loss = lossf(model(L.tensor(x)), L.tensor(y))
            loss.backward()
            opt.step()
            seq.append(loss.item())
        losses[name] = np.array(seq)
    np.testing.assert_allclose(losses["engine"], losses["torch"], rtol=1e-4, atol=1e-5)
    for (k, a), b in zip(emodel.state_dict().items(), tmodel.state_dict().values()):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-4, atol=1e-5, err_msg=k)


@pytest.mark.slow
def test_gradient_descent_from_the_lecture_is_bit_identical():
    results = {}
    for name, L in LIBS.items():
        x = L.tensor(3.0, requires_grad=True)
        for _ in range(10001):
            y = -L.log(1 / (1 + L.exp(-x)) + 1) / (x ** 2 + 1)
            y.backward()
            x.data = x.data - 0.01 * x.grad
            x.grad.zero_()
        results[name] = x.item()
    assert results["engine"] == results["torch"] == 0.1900096833705902


def test_module_and_optimizer_reprs_match_torch():
    for build in (lambda L: L.nn.Sequential(L.nn.Linear(3, 4), L.nn.CELU(), L.nn.Linear(4, 1, bias=False)),
                  lambda L: L.nn.Softplus(beta=2, threshold=10), lambda L: L.nn.GELU("tanh"),
                  lambda L: L.nn.LeakyReLU(0.2), lambda L: L.nn.Flatten(0),
                  lambda L: L.nn.Dropout(0.3),
                  lambda L: L.nn.ModuleList([L.nn.Linear(1, 1), L.nn.Sigmoid()])):
        assert repr(build(engine)) == repr(build(torch))
    assert repr(engine.nn.Parameter(engine.tensor([1.5, -2.0]))) == repr(
        torch.nn.Parameter(torch.tensor([1.5, -2.0])))


def test_error_messages_match_torch():
    def message(fn: Callable[[Any], Any], L: Any) -> tuple[str, str]:
        try:
            fn(L)
        except Exception as e:  # noqa: BLE001 - comparing whatever both raise
            return type(e).__name__, str(e)
        return "no error", ""

    cases = [
        lambda L: F(L).nll_loss(L.zeros(3, 4), L.tensor([0, 1, 4])),
        lambda L: F(L).binary_cross_entropy(L.tensor([1.5]), L.tensor([1.0])),
        lambda L: F(L).binary_cross_entropy(L.tensor([0.5]), L.tensor([[1.0]])),
        lambda L: F(L).cross_entropy(L.zeros(3, 4), L.tensor([0, 1])),
        lambda L: F(L).cross_entropy(L.zeros(3, 4), L.tensor([0.0, 1.0, 2.0])),
        lambda L: F(L).linear(L.zeros(3, 4), L.zeros(2, 3)),
        lambda L: L.nn.Linear(3, 1)(L.ones(2, 3, dtype=L.float64)),
        lambda L: L.nn.Linear(3, 1)(L.ones(3, dtype=L.float64)),
        lambda L: F(L).nll_loss(L.zeros(3, 4), L.tensor([True, False, True])),
        lambda L: F(L).softmax(L.tensor([1, 2, 3]), 0),
        lambda L: F(L).log_softmax(L.tensor([1, 2, 3]), 0),
        lambda L: F(L).celu(L.tensor([1, 2, 3])),
        lambda L: F(L).gelu(L.tensor([1, 2, 3])),
        lambda L: F(L).softplus(L.tensor([1, 2, 3])),
        lambda L: F(L).leaky_relu(L.tensor([1, 2, 3])),
        lambda L: F(L).mse_loss(L.tensor([1, 2, 3]), L.tensor([1, 2, 3])),
        lambda L: L.optim.SGD([], lr=0.1),
        lambda L: L.optim.SGD([L.zeros(1, requires_grad=True)], lr=0.1, nesterov=True),
        lambda L: L.optim.Adam([L.zeros(1, requires_grad=True)], betas=(0.9, 1.0)),
        lambda L: L.nn.Linear(2, 2).load_state_dict({"weight": L.zeros(2, 2)}),
    ]
    for case in cases:
        assert message(case, engine) == message(case, torch)
