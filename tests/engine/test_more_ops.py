"""The less common ops students reach for (scatter, masked_select, take, logit, diff, meshgrid,
trace, var_mean, cumprod, diagonal, narrow, movedim, repeat_interleave, roll, tile, lerp, atan2,
nansum/nanmean, addmm, cdist) and integer tensors with out-of-range Python ints: values, grad_fn
names, gradients and error messages against PyTorch (those tests skip without it), and float64
gradcheck of every differentiable one (no PyTorch needed)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest

import engine

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch")


def _ix(L: Any, rows: list) -> Any:
    return L.tensor(rows, dtype=L.int64)


# name -> (input shapes, fn(L, *inputs)). Inputs are seeded normals; fn's result is compared
# with PyTorch's (value, grad_fn name, gradient of every input).
CASES: dict[str, tuple[tuple, Callable[..., Any]]] = {
    "scatter_src": (((3, 4), (2, 4)), lambda L, x, s: x.scatter(0, _ix(L, [[0, 1, 2, 0],
                                                                          [2, 0, 1, 1]]), s)),
    "scatter_value": (((3, 4),), lambda L, x: x.scatter(1, _ix(L, [[3], [0], [1]]), 2.5)),
    "scatter_add": (((3, 4), (3, 3)), lambda L, x, s: x.scatter_add(1, _ix(L, [[0, 0, 3],
                                                                              [1, 1, 1],
                                                                              [2, 3, 2]]), s)),
    "torch.scatter": (((4,), (2,)), lambda L, x, s: L.scatter(x, 0, _ix(L, [3, 1]), s)),
    "scatter_inplace": (((2, 3), (1, 3)),
                        lambda L, x, s: (x * 1).scatter_(0, _ix(L, [[1, 0, 1]]), s)),
    "scatter_add_inplace": (((2, 3), (2, 3)),
                            lambda L, x, s: (x * 1).scatter_add_(1, _ix(L, [[0, 0, 2],
                                                                            [1, 1, 1]]), s)),
    "masked_select": (((3, 4),), lambda L, x: L.masked_select(x, x > 0.1)),
    "masked_select_bcast": (((4,),), lambda L, x: x.masked_select(L.tensor([[True], [False],
                                                                             [True]]))),
    "take": (((3, 4),), lambda L, x: L.take(x, _ix(L, [[0, 5], [11, 5], [-1, 2]]))),
    "logit": (((5,),), lambda L, x: L.logit(L.sigmoid(x))),
    "logit_eps": (((6,),), lambda L, x: (L.sigmoid(x * 3)).logit(eps=0.2)),
    "diff": (((3, 5),), lambda L, x: L.diff(x)),
    "diff_n2_dim0": (((4, 3),), lambda L, x: x.diff(n=2, dim=0)),
    "diff_pre_app": (((2, 3), (2, 1), (2, 2)),
                     lambda L, x, p, a: L.diff(x, dim=1, prepend=p, append=a)),
    "meshgrid_ij": (((3,), (2,)), lambda L, a, b: L.stack(L.meshgrid(a, b, indexing="ij"))),
    "meshgrid_xy": (((3,), (2,), (4,)),
                    lambda L, a, b, c: L.stack(L.meshgrid([a, b, c], indexing="xy"))),
    "trace": (((3, 4),), lambda L, x: L.trace(x)),
    "var_mean": (((3, 4),), lambda L, x: L.stack(L.var_mean(x, dim=1))),
    "var_mean_all": (((3, 4),), lambda L, x: L.stack(L.var_mean(x, correction=0))),
    "std_mean": (((3, 4),), lambda L, x: L.cat(L.std_mean(x, 0, keepdim=True))),
    "cumprod": (((3, 4),), lambda L, x: L.cumprod(x, 1)),
    "cumprod_zeros": (((2, 5),), lambda L, x: (x * L.tensor([1.0, 0.0, 1.0, 0.0, 1.0])).cumprod(1)),
    "cumprod_one_zero": (((4, 3),), lambda L, x: (x * L.tensor([[1.0], [0.0], [1.0], [1.0]]))
                         .cumprod(0)),
    "diagonal": (((3, 4),), lambda L, x: L.diagonal(x)),
    "diagonal_offset_dims": (((2, 3, 4),), lambda L, x: x.diagonal(offset=-1, dim1=2, dim2=1)),
    "narrow": (((3, 4),), lambda L, x: L.narrow(x, 1, 1, 2)),
    "narrow_negative": (((5, 2),), lambda L, x: x.narrow(0, -3, 2)),
    "movedim": (((2, 3, 4),), lambda L, x: L.movedim(x, 0, -1)),
    "movedim_many": (((2, 3, 4),), lambda L, x: x.movedim((0, 1), (2, 0))),
    "moveaxis": (((2, 3),), lambda L, x: L.moveaxis(x, 1, 0)),
    "repeat_interleave": (((2, 3),), lambda L, x: L.repeat_interleave(x, 2)),
    "repeat_interleave_dim": (((2, 3),), lambda L, x: x.repeat_interleave(3, dim=1)),
    "repeat_interleave_tensor": (((3, 2),), lambda L, x: x.repeat_interleave(_ix(L, [2, 0, 1]),
                                                                               dim=0)),
    "roll": (((3, 4),), lambda L, x: L.roll(x, 1, 1)),
    "roll_flat": (((3, 4),), lambda L, x: x.roll(5)),
    "roll_many": (((3, 4),), lambda L, x: x.roll((-1, 2), (0, 1))),
    "tile": (((2, 3),), lambda L, x: L.tile(x, (2,))),
    "tile_more_dims": (((2, 3),), lambda L, x: x.tile((2, 1, 2))),
    "lerp": (((3, 4), (4,)), lambda L, a, b: L.lerp(a, b.expand(3, 4), 0.3)),
    "lerp_high_weight": (((3, 4), (3, 4)), lambda L, a, b: a.lerp(b, 0.8)),
    "lerp_tensor_weight": (((3, 4), (3, 4), (3, 4)), lambda L, a, b, w: L.lerp(a, b, w)),
    "atan2": (((3, 4), (4,)), lambda L, y, x: L.atan2(y, x)),
    "arctan2_method": (((5,), (5,)), lambda L, y, x: y.arctan2(x)),
    "nansum": (((3, 4),), lambda L, x: L.nansum(L.where(x > 0.5, x * L.nan, x))),
    "nansum_dim": (((3, 4),), lambda L, x: L.where(x > 0.5, x * L.nan, x).nansum(1, keepdim=True)),
    "nanmean": (((3, 4),), lambda L, x: L.nanmean(L.where(x > 0.5, x * L.nan, x), 0)),
    "nanmean_all": (((3, 4),), lambda L, x: L.where(x > 0.5, x * L.nan, x).nanmean()),
    "addmm": (((2,), (3, 4), (4, 2)), lambda L, b, m1, m2: L.addmm(b, m1, m2)),
    "addmm_scaled": (((3, 1), (3, 4), (4, 2)),
                     lambda L, b, m1, m2: b.addmm(m1, m2, beta=0.5, alpha=-2)),
    "cdist": (((4, 3), (5, 3)), lambda L, a, b: L.cdist(a, b)),
    "cdist_batched": (((2, 3, 2), (1, 4, 2)), lambda L, a, b: L.cdist(a, b)),
    "cdist_p1": (((4, 3), (5, 3)), lambda L, a, b: L.cdist(a, b, p=1)),
    "cdist_p3": (((4, 3), (2, 3)), lambda L, a, b: L.cdist(a, b, p=3)),
    "cdist_p_half": (((4, 3), (2, 3)), lambda L, a, b: L.cdist(a, b, p=0.5)),
    "cdist_inf": (((4, 3), (2, 3)), lambda L, a, b: L.cdist(a, b, p=float("inf"))),
    "cdist_mm_path": (((30, 3), (6, 3)), lambda L, a, b: L.cdist(a, b)),
}


def _inputs(L: Any, shapes: tuple, dtype: Any) -> list:
    rng = np.random.default_rng(0)
    return [L.tensor(rng.normal(size=s), dtype=dtype, requires_grad=True) for s in shapes]


def _run(L: Any, name: str, dtype: Any) -> tuple:
    shapes, fn = CASES[name]
    xs = _inputs(L, shapes, dtype)
    out = fn(L, *xs)
    weights = L.tensor(np.linspace(-1.0, 2.0, out.numel()).reshape(tuple(out.shape)), dtype=dtype)
    (out * weights).sum().backward()
    grads = [None if x.grad is None else x.grad.numpy() for x in xs]
    return out.detach().numpy(), type(out.grad_fn).__name__, grads


@pytest.mark.torch
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", CASES)
def test_value_grad_fn_and_gradient_match_pytorch(torch, name: str, dtype: str) -> None:
    got = _run(engine, name, getattr(engine, dtype))
    want = _run(torch, name, getattr(torch, dtype))
    tol = dict(rtol=2e-6, atol=2e-6) if dtype == "float32" else dict(rtol=1e-12, atol=1e-12)
    assert got[0].dtype == want[0].dtype and got[0].shape == want[0].shape
    np.testing.assert_allclose(got[0], want[0], equal_nan=True, **tol)
    assert got[1] == want[1]
    for g, w in zip(got[2], want[2]):
        assert (g is None) == (w is None)
        if w is not None:
            np.testing.assert_allclose(g, w, equal_nan=True, **tol)


# Differentiable ops whose gradients gradcheck verifies (float64, central differences); the
# cases' own inputs are used, nudged off kinks (cdist at 0, nan entries) where needed.
GRADCHECKED = [n for n in CASES if not n.startswith("nan")]


@pytest.mark.parametrize("name", GRADCHECKED)
def test_gradcheck_float64(name: str) -> None:
    shapes, fn = CASES[name]
    xs = _inputs(engine, shapes, engine.float64)
    assert engine.gradcheck(lambda *t: fn(engine, *t), tuple(xs))


@pytest.mark.parametrize("fn", [
    lambda x: engine.nansum(x, 1), lambda x: engine.nanmean(x), lambda x: x.nanmean(0),
], ids=["nansum", "nanmean", "nanmean_dim"])
def test_nan_reductions_gradcheck_and_skip_nan(fn) -> None:
    x = engine.tensor([[1.0, float("nan"), 2.0], [0.5, -1.0, float("nan")]], dtype=engine.float64,
                      requires_grad=True)
    fn(x).sum().backward()
    assert x.grad[0, 1].item() == 0.0 and x.grad[1, 2].item() == 0.0
    finite = engine.tensor([[1.0, 3.0, 2.0], [0.5, -1.0, 4.0]], dtype=engine.float64,
                           requires_grad=True)
    assert engine.gradcheck(fn, (finite,))


@pytest.mark.parametrize("fn", [
    lambda x: engine.cumprod(x, 1),
    lambda x: (x * engine.tensor([1.0, 0.0, 1.0, 1.0], dtype=engine.float64)).cumprod(1),
    lambda x: engine.logit(engine.sigmoid(x)),
    lambda x: engine.atan2(x, x.flip(1) + 3),
    lambda x: engine.lerp(x, x * x, x.tanh()),
    lambda x: engine.cdist(x, x.flip(0) + 0.5, p=3),
    lambda x: engine.var_mean(x, 1)[0] * engine.var_mean(x, 1)[1],
], ids=["cumprod", "cumprod_zero", "logit", "atan2", "lerp", "cdist", "var_mean"])
def test_second_derivatives(fn) -> None:
    x = engine.tensor([[0.3, -0.7, 1.2, 0.9], [1.1, 0.4, -0.2, 0.6]], dtype=engine.float64,
                      requires_grad=True)
    assert engine.gradgradcheck(fn, (x,))


@pytest.mark.torch
@pytest.mark.parametrize("weight", [0.0, 0.3, 0.49, 0.5, 0.8, 1.0, -0.4, 1.7])
def test_lerp_rounds_to_pytorchs_bits(torch, weight: float) -> None:
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(2, 64)).astype(np.float32)
    got = engine.lerp(engine.tensor(a), engine.tensor(b), weight).numpy()
    want = torch.lerp(torch.tensor(a), torch.tensor(b), weight).numpy()
    assert got.tobytes() == want.tobytes()


def test_scatter_builds_a_one_hot_and_passes_gradient_to_src() -> None:
    idx = engine.tensor([[3], [0], [2]])
    onehot = engine.zeros(3, 4).scatter_(1, idx, 1.0)
    assert onehot.tolist() == [[0, 0, 0, 1], [1, 0, 0, 0], [0, 0, 1, 0]]
    src = engine.tensor([[5.0], [6.0], [7.0]], requires_grad=True)
    out = engine.zeros(3, 4).scatter(1, idx, src)
    assert out.grad_fn.name() == "ScatterBackward0"
    (out * engine.arange(12.0).reshape(3, 4)).sum().backward()
    assert src.grad.tolist() == [[3.0], [4.0], [10.0]]


@pytest.mark.torch
@pytest.mark.parametrize("op", ["scatter", "scatter_add"])
def test_backward_to_a_src_larger_than_the_index_fails_as_in_pytorch(torch, op: str) -> None:
    def run(L: Any) -> None:
        src = L.ones(3, 5, requires_grad=True)
        getattr(L.zeros(3, 4), op)(1, L.tensor([[0, 2], [1, 1], [3, 2]]), src).sum().backward()

    assert _error(engine, run) == _error(torch, run)


def test_scatter_add_accumulates_repeated_indices() -> None:
    out = engine.zeros(4).scatter_add(0, engine.tensor([1, 1, 3, 1]), engine.ones(4))
    assert out.tolist() == [0.0, 3.0, 0.0, 1.0]


def test_scatter_into_a_leaf_that_requires_grad_is_refused() -> None:
    w = engine.zeros(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        w.scatter_(0, engine.tensor([0]), 1.0)


def test_meshgrid_without_indexing_warns_once_and_uses_ij() -> None:
    code = textwrap.dedent("""
        import warnings
        import engine
        warnings.simplefilter("always")
        a, b = engine.arange(3.0), engine.arange(2.0)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            x, _ = engine.meshgrid(a, b)
            engine.meshgrid(a, b)
        print(len(caught), list(x.shape))
        print(caught[0].message)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr
    first, message = proc.stdout.splitlines()[:2]
    assert first == "1 [3, 2]"
    assert message.startswith("torch.meshgrid: in an upcoming release, it will be required to "
                              "pass the indexing argument.")


@pytest.mark.torch
def test_result_type_matches_pytorch(torch) -> None:
    pairs = [
        (lambda L: L.tensor([1, 2]), 2.5), (lambda L: L.tensor([1, 2]), 3),
        (lambda L: L.tensor([1, 2], dtype=L.int8), 300),
        (lambda L: L.tensor([1.0]), lambda L: L.tensor(2.0, dtype=L.float64)),
        (lambda L: L.tensor([1], dtype=L.int32), lambda L: L.tensor(2.0, dtype=L.float64)),
        (lambda L: L.tensor([True]), 1), (lambda L: L.tensor([True]), False),
        (lambda L: L.tensor([1], dtype=L.uint8), lambda L: L.tensor([1], dtype=L.int8)),
    ]
    for a, b in pairs:
        got = engine.result_type(a(engine), b(engine) if callable(b) else b)
        want = torch.result_type(a(torch), b(torch) if callable(b) else b)
        assert str(got) == str(want)


# ---- integer tensors with Python ints outside their range: torch wraps, numpy would raise

INT_SCALAR_EXPRESSIONS = [
    lambda a: a + 200, lambda a: a - 300, lambda a: a * 1000, lambda a: 200 - a,
    lambda a: 1000 * a, lambda a: a // 300, lambda a: a % 300, lambda a: a == 200,
    lambda a: a < 200, lambda a: a + (-129), lambda a: a & 511, lambda a: a + 2 ** 63,
]


@pytest.mark.torch
@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "int32"])
@pytest.mark.parametrize("k", range(len(INT_SCALAR_EXPRESSIONS)))
def test_int_tensor_with_out_of_range_int_wraps_like_pytorch(torch, dtype: str, k: int) -> None:
    fn = INT_SCALAR_EXPRESSIONS[k]
    values = [100, 120, 5, 0, 7] if dtype == "uint8" else [100, 120, -128, 0, -7]
    got = fn(engine.tensor(values, dtype=getattr(engine, dtype)))
    want = fn(torch.tensor(values, dtype=getattr(torch, dtype)))
    assert str(got.dtype) == str(want.dtype)
    assert got.tolist() == want.tolist()


def test_int_beyond_64_bits_is_refused_as_pytorch_does() -> None:
    with pytest.raises(OverflowError, match="int too big to convert"):
        engine.tensor([1], dtype=engine.int8) + 2 ** 70


@pytest.mark.torch
def test_float_and_bool_tensors_with_huge_ints_match_pytorch(torch) -> None:
    for fn in (lambda L: L.tensor([1.0, 2.0]) * (2 ** 64 - 1), lambda L: L.tensor([True]) + 300,
               lambda L: L.tensor([1.5], dtype=L.float64) * 2 ** 63):
        got, want = fn(engine), fn(torch)
        assert str(got.dtype) == str(want.dtype) and got.tolist() == want.tolist()


# ---- misuse: the message PyTorch gives

MISUSE = {
    "scatter_float_index": lambda L: L.zeros(3, 4).scatter(1, L.tensor([[0.0, 1.0]]), 1.0),
    "scatter_index_ndim": lambda L: L.zeros(3, 4).scatter(1, L.tensor([0, 1]), 1.0),
    "scatter_out_of_bounds": lambda L: L.zeros(3, 4).scatter(1, L.tensor([[0, 5]]), 1.0),
    "scatter_src_dtype": lambda L: L.zeros(3, 4).scatter(1, L.tensor([[0, 1]]),
                                                           L.ones(1, 2, dtype=L.float64)),
    "scatter_index_too_big": lambda L: L.zeros(3, 4).scatter(1, L.tensor([[0, 1, 2]]),
                                                               L.ones(1, 2)),
    "scatter_add_number": lambda L: L.zeros(3, 4).scatter_add(1, L.tensor([[0]]), 1.0),
    "take_out_of_range": lambda L: L.take(L.zeros(3, 4), L.tensor([12])),
    "take_float_index": lambda L: L.take(L.zeros(3, 4), L.tensor([1.0])),
    "masked_select_int_mask": lambda L: L.masked_select(L.zeros(3, 4), L.tensor([1, 0, 1, 0])),
    "masked_select_shape": lambda L: L.masked_select(L.zeros(3, 4), L.tensor([True, False])),
    "trace_vector": lambda L: L.trace(L.ones(3)),
    "diff_0d": lambda L: L.diff(L.tensor(1.0)),
    "diff_prepend_dims": lambda L: L.diff(L.ones(2, 3), prepend=L.zeros(3)),
    "meshgrid_indexing": lambda L: L.meshgrid(L.ones(2), indexing="foo"),
    "narrow_too_long": lambda L: L.narrow(L.zeros(3, 4), 1, 3, 2),
    "narrow_start": lambda L: L.narrow(L.zeros(3, 4), 1, -5, 2),
    "movedim_lengths": lambda L: L.movedim(L.zeros(3, 4), (0, 1), (1,)),
    "movedim_repeated": lambda L: L.movedim(L.zeros(3, 4), (0, 0), (1, 0)),
    "repeat_interleave_sizes": lambda L: L.repeat_interleave(L.zeros(3, 4), L.tensor([1, 2]),
                                                             dim=0),
    "roll_align": lambda L: L.roll(L.zeros(3, 4), (1, 2), (0,)),
    "lerp_dtype": lambda L: L.lerp(L.zeros(2), L.zeros(2, dtype=L.float64), 0.5),
    "addmm_shapes": lambda L: L.addmm(L.zeros(2), L.zeros(3, 4), L.ones(3, 2)),
    "addmm_input": lambda L: L.addmm(L.zeros(3), L.zeros(3, 4), L.ones(4, 2)),
    "cdist_columns": lambda L: L.cdist(L.zeros(3, 4), L.ones(2, 3)),
    "cdist_1d": lambda L: L.cdist(L.zeros(4), L.ones(2, 4)),
    "cdist_negative_p": lambda L: L.cdist(L.zeros(3, 4), L.ones(2, 4), p=-1),
    "cdist_int": lambda L: L.cdist(L.ones(2, 3), L.ones(2, 3, dtype=L.int64)),
    "cdist_dtypes": lambda L: L.cdist(L.ones(2, 3), L.ones(2, 3, dtype=L.float64)),
    "cumprod_dim": lambda L: L.cumprod(L.zeros(3, 4), 2),
    "nanmean_int": lambda L: L.nanmean(L.tensor([1, 2, 3])),
}


def _error(L: Any, fn: Callable) -> tuple[str, str]:
    with pytest.raises(Exception) as info:
        fn(L)
    return type(info.value).__name__, str(info.value)


@pytest.mark.torch
@pytest.mark.parametrize("name", MISUSE)
def test_misuse_raises_pytorchs_error(torch, name: str) -> None:
    assert _error(engine, MISUSE[name]) == _error(torch, MISUSE[name])


def test_aminmax_bincount_dist_print_and_differentiate_as_pytorch():
    x = engine.tensor([[3.0, -1.0], [2.0, 5.0]], requires_grad=True)
    r = engine.aminmax(x, dim=1)
    assert repr(r) == ("torch.return_types.aminmax(\nmin=tensor([-1.,  2.], "
                       "grad_fn=<AminmaxBackward0>),\nmax=tensor([3., 5.], "
                       "grad_fn=<AminmaxBackward0>))")
    (r.min.sum() + 2 * r.max.sum()).backward()
    assert x.grad.tolist() == [[2.0, 1.0], [1.0, 2.0]]
    assert x.detach().aminmax().max.item() == 5.0
    counts = engine.bincount(engine.tensor([0, 1, 1, 3]), minlength=5)
    assert repr(counts) == "tensor([1, 2, 0, 1, 0])"
    weighted = engine.bincount(engine.tensor([0, 1, 1]), weights=engine.tensor([0.5, 1.0, 2.0]))
    assert weighted.tolist() == [0.5, 3.0] and weighted.dtype == engine.float32
    with pytest.raises(RuntimeError, match="^bincount only supports 1-d non-negative integral "
                                           "inputs.$"):
        engine.bincount(engine.tensor([-1, 2]))
    with pytest.raises(NotImplementedError, match="\"bincount_cpu\" not implemented for 'Float'"):
        engine.bincount(engine.tensor([1.0]))
    assert repr(engine.dist(engine.tensor([3.0, 4.0], requires_grad=True), engine.zeros(2))) == (
        "tensor(5., grad_fn=<DistBackward0>)")
    assert engine.is_anomaly_enabled() is False


def test_histc_counts_as_aten_does():
    x = engine.tensor([0.1, 0.5, 0.5, 1.0, 0.99, 0.2, 2.0, -1.0])
    assert engine.histc(x, bins=5, min=0, max=1).tolist() == [1.0, 1.0, 2.0, 0.0, 2.0]
    assert x.histc(bins=4).tolist() == [1.0, 2.0, 4.0, 1.0]  # min == max: the data's range
    assert engine.histc(engine.tensor([1.0, 1.0]), bins=3).tolist() == [0.0, 2.0, 0.0]
    with pytest.raises(RuntimeError, match="max must be larger than min"):
        engine.histc(x, bins=3, min=2, max=1)
    with pytest.raises(NotImplementedError, match="histogram_cpu"):
        engine.histc(engine.tensor([1, 2]))


def test_sequential_edits_and_inference_results():
    nn = engine.nn
    s = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1), nn.Sigmoid())
    del s[3]
    s.insert(1, nn.Tanh())
    first = s.pop(0)
    assert isinstance(first, nn.Linear) and list(s._modules) == ["0", "1", "2"]
    names = [type(m).__name__ for m in s + nn.Sequential(nn.ELU())]
    assert names == ["Tanh", "ReLU", "Linear", "ELU"]
    with engine.inference_mode():
        y = s(engine.ones(1, 3))
    assert y.is_inference() and not engine.ones(1).is_inference()
