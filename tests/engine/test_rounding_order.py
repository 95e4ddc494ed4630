"""The engine rounds like PyTorch's CPU kernels where the order of float operations is knowable:
sums and means (ATen's cascade_sum), linspace, and the optimizers' fused updates. A last-bit
difference shows in `loss.item()` and drifts a training loop's printed losses.

The rules are pinned by hand-computed cases (no PyTorch needed); when PyTorch is installed the
same functions are compared with it bit for bit on many shapes and layouts.
"""
from __future__ import annotations

import itertools

import numpy as np
import pytest

import engine
from engine.ops.cascade_sum import _sequential, cascade_sum, torch_sum
from engine.optim.optimizer import addcdiv, addcmul

f32 = np.float32


def seq(values) -> np.float32:
    total = f32(0)
    for v in values:
        total = f32(total + f32(v))
    return total


# ---- sums: the rule, by hand -----------------------------------------------------------------
def test_short_rows_use_four_interleaved_partial_sums():
    # torch's row_sum: partials x0..x3, leftovers into the first, then p0 + p1 + p2 + p3
    v = np.array([1e8, 1.0, -1e8, 1.0, 1.0], dtype=f32)
    expected = seq([v[0], v[4], v[1], v[2], v[3]])
    assert torch_sum(v) == expected == f32(1.0)
    assert np.add.reduce(v) != expected  # numpy's order differs here


def test_eight_or_more_contiguous_elements_sum_in_eight_lanes():
    v = (np.arange(19, dtype=f32) * f32(1.1)) ** 3
    lanes = [seq(v[k:16:8]) for k in range(8)]  # two whole vectors, lane by lane
    expected = seq(list(v[16:]) + lanes)         # leftovers first, then the lanes in order
    assert torch_sum(v) == expected


def test_a_sum_of_negative_zeros_is_positive_zero():
    for d in (np.array(-0.0, f32), np.array([-0.0, -0.0], f32), np.full((3, 20), -0.0, f32)):
        assert not np.signbit(torch_sum(d)).any()


def test_mean_is_the_sum_divided_by_the_count():
    x = engine.tensor([0.1, 0.7, 0.2, 1e-3, 3.3])
    assert x.mean().item() == f32(torch_sum(x.numpy()) / f32(5))


@pytest.mark.parametrize("shape,axis", [((40, 3), 0), ((3, 40), 1), ((5, 17, 4), 1),
                                        ((2, 9, 33), 2), ((9,), 0)])
def test_sequential_adds_in_order_whatever_the_layout(shape, axis):
    rng = np.random.default_rng(0)
    x = (rng.standard_normal(shape) * 1e3).astype(f32)
    for view in (x, np.asfortranarray(x), x[..., ::-1]):
        got = _sequential(view, axis)
        moved = np.moveaxis(view, axis, 0)
        want = np.zeros(moved.shape[1:], f32)
        for row in moved:
            want = (want + row).astype(f32)
        assert np.array_equal(got, want)


# ---- sums against PyTorch --------------------------------------------------------------------
def _views(torch, shape, dtype):
    base = torch.randn(*shape, dtype=dtype) * 3
    yield base
    yield base[..., ::2]
    yield base.permute(*reversed(range(len(shape))))
    yield base[:1].expand(*shape)


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
def test_sums_match_pytorch_bit_for_bit(dtype):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    tdt = getattr(torch, dtype)
    for n in (1, 3, 5, 8, 15, 16, 17, 33, 100, 257, 4099):
        t = torch.randn(n, dtype=tdt) * 3
        assert np.array_equal(cascade_sum(t.numpy(), None), t.sum().reshape(1).numpy())
    for shape in [(5, 17), (17, 5), (33, 70), (6, 40), (4, 5, 33), (3, 18, 18)]:
        for t in _views(torch, shape, tdt):
            for r in range(len(shape) + 1):
                for axes in itertools.combinations(range(len(shape)), r):
                    want = (t.sum(dim=axes, keepdim=True) if axes
                            else t.sum().reshape([1] * len(shape))).numpy()
                    got = cascade_sum(t.numpy(), axes or None)
                    assert np.array_equal(got, want), (shape, t.stride(), axes)


def test_engine_sums_and_broadcast_gradients_match_pytorch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    for n in (5, 12, 64):
        xs, b0 = rng.standard_normal((n, 3)).astype(f32), rng.standard_normal(3).astype(f32)
        results = []
        for lib in (torch, engine):
            b = lib.tensor(b0, requires_grad=True)
            loss = ((lib.tensor(xs) * 1.7 + b) ** 2).mean()
            loss.backward()
            results.append((loss.detach().numpy(), b.grad.numpy()))
        assert all(np.array_equal(t, e) for t, e in zip(*results))


# ---- linspace ----------------------------------------------------------------------------------
def test_linspace_counts_up_to_the_middle_then_down_from_the_end():
    x = engine.linspace(-1, 1, 12).numpy()
    step = f32(2) / f32(11)
    assert x[3] == f32(np.longdouble(-1) + np.longdouble(step) * 3)  # one fused multiply-add
    assert x[8] == f32(np.longdouble(1) - np.longdouble(step) * 3)
    assert engine.linspace(2, 5, 1).tolist() == [2.0]


def test_linspace_matches_pytorch_bit_for_bit():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    for _ in range(100):
        a, b, n = float(rng.normal()), float(rng.normal() * 10), int(rng.integers(0, 300))
        for dt in ("float32", "float64"):
            want = torch.linspace(a, b, n, dtype=getattr(torch, dt)).numpy()
            assert np.array_equal(engine.linspace(a, b, n, dtype=getattr(engine, dt)).numpy(),
                                  want)


# ---- the optimizers' fused updates ------------------------------------------------------------
def test_addcmul_rounds_value_times_t1_then_fuses():
    a, t1, t2 = np.array([0.0], f32), np.array([-12.0], f32), np.array([-12.0], f32)
    # (0.001 * -12) is rounded to float32 first, then * -12 + 0 is one rounding
    want = f32(np.float64(f32(f32(0.001) * f32(-12))) * -12)
    assert addcmul(a, t1, t2, 0.001)[0] == want


def test_addcdiv_rounds_every_step():
    a, t1, t2 = np.array([1.0], f32), np.array([0.3], f32), np.array([0.7], f32)
    assert addcdiv(a, t1, t2, -0.05)[0] == f32(a[0] + f32(f32(f32(-0.05) * t1[0]) / t2[0]))


def test_adam_update_steps_match_pytorch_bit_for_bit():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    for n in (1, 5, 16, 17, 40):
        a, t1, t2 = (rng.standard_normal((3, n)) * 5).astype(f32)
        t2 = np.abs(t2) + f32(0.1)
        ta, tt1, tt2 = (torch.from_numpy(v.copy()) for v in (a, t1, t2))
        for value in (0.001, 1 - 0.999, -1.0000000000000002, -0.05):
            assert np.array_equal(addcmul(a, t1, t2, value),
                                  ta.clone().addcmul_(tt1, tt2, value=value).numpy())
            assert np.array_equal(addcdiv(a, t1, t2, value),
                                  ta.clone().addcdiv_(tt1, tt2, value=value).numpy())


# Adam itself is not bit-exact: torch's sqrt of a whole tensor goes through MKL's vector math,
# which is off by one ulp for some inputs. SGD uses only fused adds.
@pytest.mark.parametrize("kw", [{}, {"momentum": 0.9}, {"momentum": 0.9, "nesterov": True},
                                {"momentum": 0.5, "dampening": 0.3, "weight_decay": 0.01}])
def test_sgd_trajectories_match_pytorch_bit_for_bit(kw):
    name = "SGD"
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(2)
    grads = [rng.standard_normal(17).astype(f32) * 10 for _ in range(30)]
    final = []
    for lib in (torch, engine):
        p = lib.zeros(17, requires_grad=True)
        opt = getattr(lib.optim, name)([p], lr=0.1, **kw)
        for g in grads:
            p.grad = lib.tensor(g)
            opt.step()
        final.append(p.detach().numpy())
    assert np.array_equal(*final)


# ---- softmax family: SLEEF's exp/log and lane sums ----------------------------------------------
def test_log_softmax_takes_sleefs_log_not_the_correctly_rounded_one():
    # torch 2.13 prints -0.39734626 here; log(1.48787102) rounded from float64 gives -0.3973463
    out = engine.log_softmax(engine.tensor([0.1351384, -0.58256584]), 0)
    assert out.tolist()[0] == float(np.float32(-0.39734626))


def test_vector_math_matches_pytorch_kernels_bit_for_bit():
    torch = pytest.importorskip("torch")
    import torch.nn.functional as TF

    import engine.nn.functional as EF
    rng = np.random.default_rng(5)
    for _ in range(60):
        n, c = int(rng.integers(1, 9)), int(rng.integers(2, 40))
        x = (rng.standard_normal((n, c)) * 3).astype(f32)
        t = rng.integers(0, c, n)
        probs = (rng.random((n, c)) > 0.5).astype(f32)
        cases = [
            (lambda F, L, v: F.softmax(v, 1), c < 16),  # torch's softmax backward for rows of
            (lambda F, L, v: F.log_softmax(v, 1), True),  # 16+ depends on its thread count
            (lambda F, L, v: F.cross_entropy(v, L.tensor(t)), True),
            (lambda F, L, v: F.logsigmoid(v), True),
            (lambda F, L, v: F.binary_cross_entropy_with_logits(v, L.tensor(probs)), True),
            (lambda F, L, v: L.sigmoid(v), False),
        ]
        for fn, check_grad in cases:
            results = []
            for lib, F in ((torch, TF), (engine, EF)):
                v = lib.tensor(x, requires_grad=True)
                y = fn(F, lib, v)
                g = None
                if check_grad:
                    y.backward(lib.tensor(np.linspace(-1, 2, y.numel(), dtype=f32).reshape(
                        tuple(y.shape))))
                    g = v.grad.numpy()
                results.append((y.detach().numpy(), g))
            assert np.array_equal(results[0][0], results[1][0])
            if check_grad:
                assert np.array_equal(results[0][1], results[1][1])


@pytest.mark.parametrize("shape, axes", [((64, 1), (0,)), ((3, 1, 5), (0, 2)), ((3, 1, 5), (1,)),
                                         ((1, 40, 1), (1,)), ((1, 1), (0, 1))])
def test_size_one_dims_leave_the_order_unchanged(shape, axes):
    """TensorIterator drops size-1 dims: the sum is the squeezed tensor's, in the same order."""
    d = (np.random.default_rng(1).standard_normal(shape) * 10).astype(f32)
    d.flat[0] = -0.0
    keep = tuple(1 if i in axes else s for i, s in enumerate(shape))
    sized = [i for i, s in enumerate(shape) if s != 1]
    inner = tuple(sized.index(i) for i in axes if i in sized)
    expected = (cascade_sum(np.squeeze(d), inner) if inner else d + f32(0)).reshape(keep)
    got = cascade_sum(d, axes)
    assert np.array_equal(got, expected) and np.array_equal(np.signbit(got), np.signbit(expected))


def test_sums_over_tensors_with_size_one_dims_match_pytorch_bit_for_bit():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    for dt in (np.float32, np.float64, np.float16):
        for shape in [(64, 1), (1, 64), (3, 1, 5), (1, 7, 1), (2, 1, 40), (33, 1, 1), (5, 1, 1, 7)]:
            for r in range(1, len(shape) + 1):
                for axes in itertools.combinations(range(len(shape)), r):
                    x = (rng.standard_normal(shape) * 10).astype(dt)
                    x.flat[0] = -0.0
                    want = torch.tensor(x).sum(dim=axes).numpy()
                    got = engine.tensor(x).sum(dim=axes).numpy()
                    assert got.dtype == want.dtype and np.array_equal(got, want)
                    assert np.array_equal(np.signbit(got), np.signbit(want)), (dt, shape, axes)


@pytest.mark.parametrize("alpha", [-0.01, 0.3, 2.5])
def test_add_and_sub_with_alpha_round_once(alpha):
    """`p.add_(g, alpha=-lr)`: ATen fuses a + alpha*b, so a hand-written step lands on its bits."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal(20_000).astype(np.float32)
    b = rng.standard_normal(20_000).astype(np.float32)
    exact = a.astype(np.float64) + b.astype(np.float64) * np.float64(np.float32(alpha))
    got = engine.tensor(a).add(engine.tensor(b), alpha=alpha).numpy()
    assert (got == exact.astype(np.float32)).all()
    exact = a.astype(np.float64) - b.astype(np.float64) * np.float64(np.float32(alpha))
    assert (engine.tensor(a).sub(engine.tensor(b), alpha=alpha).numpy()
            == exact.astype(np.float32)).all()
    torch = pytest.importorskip("torch")
    assert (torch.tensor(a).add(torch.tensor(b), alpha=alpha).numpy() == got).all()
