"""Every differentiable op passes gradcheck (central differences, float64), broadcasting included."""
import numpy as np
import pytest

import engine as torch

rng = np.random.default_rng(0)


def T(*shape, lo=-2.0, hi=2.0):
    return torch.tensor(rng.uniform(lo, hi, size=shape), dtype=torch.float64, requires_grad=True)


def P(*shape):
    """Positive inputs for log/sqrt/pow with real exponents."""
    return T(*shape, lo=0.5, hi=2.0)


UNARY = {
    "neg": (lambda x: -x, T), "abs": (torch.abs, T), "exp": (torch.exp, T),
    "log": (torch.log, P), "log1p": (torch.log1p, P), "expm1": (torch.expm1, T),
    "log2": (torch.log2, P), "log10": (torch.log10, P), "sqrt": (torch.sqrt, P),
    "rsqrt": (torch.rsqrt, P), "sin": (torch.sin, T), "cos": (torch.cos, T),
    "tan": (lambda x: torch.tan(x * 0.5), T), "tanh": (torch.tanh, T),
    "sigmoid": (torch.sigmoid, T), "relu": (torch.relu, T),
    "asin": (lambda x: torch.asin(x * 0.4), T), "acos": (lambda x: torch.acos(x * 0.4), T),
    "atan": (torch.atan, T), "sinh": (torch.sinh, T), "cosh": (torch.cosh, T),
    "erf": (torch.erf, T), "reciprocal": (torch.reciprocal, P), "square": (torch.square, T),
    "pow2": (lambda x: x ** 2, T), "pow3": (lambda x: x ** 3, T), "pow_half": (lambda x: x ** 0.5, P),
    "pow_1.7": (lambda x: x ** 1.7, P), "pow_-1": (lambda x: x ** -1, P), "pow_-2": (lambda x: x ** -2, P),
    "rpow": (lambda x: 2.0 ** x, T), "rdiv": (lambda x: 2 / x, P), "rsub": (lambda x: 1 - x, T),
    "clamp": (lambda x: torch.clamp(x, -0.5, 0.7), T), "clamp_min": (lambda x: x.clamp(min=0.1), T),
    "frac": (torch.frac, P),
    "nan_to_num": (torch.nan_to_num, T), "nan_to_num_method": (lambda x: x.nan_to_num(1.0) * x, T),
    "round_decimals": (lambda x: x.round(decimals=2) + x * x, T),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_gradcheck(name):
    fn, make = UNARY[name]
    assert torch.gradcheck(fn, (make(3, 4),))


BINARY_SHAPES = [((3, 4), (3, 4)), ((3, 4), (4,)), ((3, 1), (1, 4)), ((2, 3, 4), (3, 1)), ((), (3,))]
BINARY = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": lambda a, b: a / (b * b + 1), "pow": lambda a, b: (a * a + 0.5) ** b,
    "maximum": torch.maximum, "minimum": torch.minimum,
    "add_alpha": lambda a, b: torch.add(a, b, alpha=2.5),
    "where": lambda a, b: torch.where(a > 0, a, b),
    "atan2ish": lambda a, b: torch.atan(a / (b * b + 1)),
    "remainder": lambda a, b: torch.remainder(a * 3, b * b + 0.7),
    "fmod": lambda a, b: torch.fmod(a * 3, b * b + 0.7),
}


@pytest.mark.parametrize("shapes", BINARY_SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_gradcheck_with_broadcasting(name, shapes):
    a, b = T(*shapes[0]), T(*shapes[1])
    assert torch.gradcheck(BINARY[name], (a, b))


REDUCTIONS = {
    "sum": lambda x: x.sum(), "sum_dim": lambda x: x.sum(1), "sum_keep": lambda x: x.sum(0, keepdim=True),
    "sum_dims": lambda x: x.sum((0, 2)), "mean": lambda x: x.mean(), "mean_dim": lambda x: x.mean(-1),
    "prod": lambda x: x.prod(), "prod_dim": lambda x: x.prod(1),
    "var": lambda x: x.var(), "var_dim": lambda x: x.var(1, keepdim=True),
    "var_biased": lambda x: x.var(0, unbiased=False), "std": lambda x: x.std(), "std_dim": lambda x: x.std(2),
    "norm": lambda x: x.norm(), "norm_dim": lambda x: x.norm(dim=1), "norm_1": lambda x: x.norm(p=1),
    "norm_3": lambda x: torch.norm(x, p=3),
    "max": lambda x: x.max(), "max_dim": lambda x: x.max(1)[0], "min_dim": lambda x: x.min(0, keepdim=True).values,
    "amax": lambda x: x.amax(1), "logsumexp": lambda x: torch.logsumexp(x, 1),
    "cumsum": lambda x: torch.cumsum(x, 1),
    "median": lambda x: x.median(), "median_dim": lambda x: x.median(1).values,
    "median_keep": lambda x: x.median(0, keepdim=True)[0], "kthvalue": lambda x: x.kthvalue(2, 1)[0],
    "cummax": lambda x: x.cummax(1).values,
}


@pytest.mark.parametrize("name", sorted(REDUCTIONS))
def test_reduction_gradcheck(name):
    assert torch.gradcheck(REDUCTIONS[name], (T(2, 3, 4),))


SHAPE_OPS = {
    "reshape": lambda x: x.reshape(4, 6) * 1.5, "view": lambda x: x.view(-1).sin(),
    "flatten": lambda x: x.flatten(1).exp(), "transpose": lambda x: x.transpose(0, 2) * x.transpose(0, 2),
    "permute": lambda x: x.permute(2, 0, 1).tanh(), "T": lambda x: x[0].T @ x[1],
    "mT": lambda x: x.mT.sin(), "squeeze": lambda x: x[:, :1].squeeze(1).cos(),
    "unsqueeze": lambda x: x.unsqueeze(1) * x.unsqueeze(0)[:, :, :1],
    "expand": lambda x: x[:, :1, :].expand(2, 5, 4).sin(), "flip": lambda x: x.flip(1) * x,
    "index_int": lambda x: x[1] * 2, "index_slice": lambda x: x[:, 1:, ::2],
    "index_neg": lambda x: x[-1, ..., -2], "index_none": lambda x: x[None, 0],
    "index_adv_repeat": lambda x: x[[0, 0, 1], [2, 2, 0]], "index_tensor": lambda x: x[torch.tensor([1, 1, 0])],
    "index_bool": lambda x: x[x > 0], "cat": lambda x: torch.cat([x, x * 2], dim=1),
    "stack": lambda x: torch.stack([x[0], x[1].exp()], dim=2), "gather": lambda x: x.gather(2, torch.tensor([[[0, 3]] * 3] * 2)),
    "index_select": lambda x: x.index_select(1, torch.tensor([2, 0, 2])),
    "clone": lambda x: x.clone() * x, "to_float64": lambda x: x.double().exp(),
    "masked_fill": lambda x: x.masked_fill(x > 0.5, 0.0),
    "repeat": lambda x: x.repeat(2, 1, 3) * x.repeat(2, 1, 3).exp(),
    "repeat_new_dims": lambda x: x[0].repeat(2, 1, 2, 1).sin(),
    "contiguous_view": lambda x: x.transpose(0, 2).contiguous().view(-1) * 2,
}


@pytest.mark.parametrize("name", sorted(SHAPE_OPS))
def test_shape_and_index_gradcheck(name):
    assert torch.gradcheck(SHAPE_OPS[name], (T(2, 3, 4),))


MATMUL_SHAPES = [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 2)), ((2, 3), (3, 4)), ((5, 2, 3), (3, 4)),
                 ((3,), (5, 3, 2)), ((5, 2, 3), (5, 3, 4)), ((2, 1, 2, 3), (5, 3, 2)), ((5, 2, 3), (3,))]


@pytest.mark.parametrize("shapes", MATMUL_SHAPES, ids=str)
def test_matmul_gradcheck_every_shape_combination(shapes):
    a, b = T(*shapes[0]), T(*shapes[1])
    assert torch.gradcheck(torch.matmul, (a, b))
    assert torch.gradcheck(lambda p, q: p @ q, (a, b))


def test_mm_mv_dot_bmm_gradcheck():
    assert torch.gradcheck(torch.mm, (T(2, 3), T(3, 4)))
    assert torch.gradcheck(torch.mv, (T(2, 3), T(3)))
    assert torch.gradcheck(torch.dot, (T(3), T(3)))
    assert torch.gradcheck(torch.bmm, (T(2, 2, 3), T(2, 3, 4)))
    assert torch.gradcheck(torch.outer, (T(2), T(3)))


def test_setitem_in_graph_gradcheck():
    def f(x, v):
        y = x * 1.0
        y[0, 1:] = v * 2
        return y.sin()

    assert torch.gradcheck(f, (T(3, 3), T(2)))


@pytest.mark.parametrize("fn", [
    lambda x: (x ** 3).sum(), lambda x: (x.sin() * x.exp()).sum(), lambda x: (x @ x.T).tanh().sum(),
    lambda x: x.norm(), lambda x: torch.sigmoid(x).prod(), lambda x: (x.max(1)[0] ** 2).sum(),
    lambda x: (x.repeat(2, 3) ** 3).sum(), lambda x: (torch.nan_to_num(x) ** 3).sum(),
], ids=["cube", "sin_exp", "gram_tanh", "norm", "sigmoid_prod", "max_dim_sq", "repeat_cube",
        "nan_to_num_cube"])
def test_second_derivatives_gradgradcheck(fn):
    assert torch.gradgradcheck(fn, (T(2, 3),))


def test_linalg_gradcheck():
    a = torch.tensor(rng.uniform(-1, 1, (3, 3)) + 3 * np.eye(3), dtype=torch.float64, requires_grad=True)
    b = T(3)
    bm = T(3, 2)
    assert torch.gradcheck(torch.linalg.inv, (a,))
    assert torch.gradcheck(torch.linalg.det, (a,))
    assert torch.gradcheck(torch.linalg.solve, (a, b))
    assert torch.gradcheck(torch.linalg.solve, (a, bm))
    assert torch.gradcheck(lambda x: torch.linalg.norm(x), (bm,))
    assert torch.gradcheck(lambda x: torch.linalg.vector_norm(x, ord=3, dim=0), (bm,))
    np.testing.assert_allclose((torch.linalg.inv(a) @ a).detach().numpy(), np.eye(3), atol=1e-12)


@pytest.mark.parametrize("eq,shapes", [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("ij->", [(2, 3)]), ("ij,ij->i", [(2, 3), (2, 3)]),
    ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)]), ("i,j->ij", [(2,), (3,)]), ("ijk->ki", [(2, 3, 4)]),
], ids=str)
def test_einsum_gradcheck(eq, shapes):
    assert torch.gradcheck(lambda *xs: torch.einsum(eq, *xs), tuple(T(*s) for s in shapes))


def test_sort_topk_split_tril_gradcheck():
    x = T(3, 4)
    assert torch.gradcheck(lambda t: t.sort(dim=1, descending=True).values, (x,))
    assert torch.gradcheck(lambda t: torch.topk(t, 2, dim=0).values, (x,))
    assert torch.gradcheck(lambda t: torch.stack([p.sum() * (i + 1) for i, p in enumerate(t.split([1, 3], dim=1))]), (x,))
    assert torch.gradcheck(lambda t: torch.tril(t, -1) + torch.triu(t) * 2, (x,))
    assert torch.gradcheck(lambda t: torch.chunk(t, 2)[1] * torch.unbind(t, 1)[0].sum(), (x,))


def test_nan_to_num_passes_gradient_only_where_finite():
    x = torch.tensor([1.0, float("nan"), float("inf"), -float("inf")], requires_grad=True)
    y = torch.nan_to_num(x, nan=1.0, posinf=2.0, neginf=-3.0)
    assert y.tolist() == [1.0, 1.0, 2.0, -3.0]
    assert type(y.grad_fn).__name__ == "NanToNumBackward0"
    y.sum().backward()
    assert x.grad.tolist() == [1.0, 0.0, 0.0, 0.0]
    assert torch.nan_to_num(torch.tensor([float("inf")])).item() == np.finfo(np.float32).max


def test_repeat_gradient_sums_the_copies():
    r = torch.tensor([1.0, 2.0], requires_grad=True)
    z = r.repeat(2, 3)
    assert z.shape == (2, 6) and type(z.grad_fn).__name__ == "RepeatBackward0"
    (z * torch.arange(12.0).reshape(2, 6)).sum().backward()
    assert r.grad.tolist() == [30.0, 36.0]


def test_integer_division_and_modulo_signs_and_zero_divisor():
    a, b = torch.tensor([7, -7, 7, -7]), torch.tensor([2, 2, -2, -2])
    assert torch.remainder(a, b).tolist() == [1, 1, -1, -1]   # divisor's sign
    assert torch.fmod(a, b).tolist() == [1, -1, 1, -1]        # dividend's sign
    assert torch.floor_divide(a, b).tolist() == [3, -4, -4, 3]
    assert type((torch.tensor([5.0], requires_grad=True) % 2).grad_fn).__name__ == "RemainderBackward0"
    for fn in (lambda: a // 0, lambda: a % 0, lambda: torch.fmod(a, 0),
               lambda: torch.div(a, 0, rounding_mode="trunc")):
        with pytest.raises(RuntimeError, match="ZeroDivisionError"):
            fn()
    assert torch.isinf(torch.tensor([1.0]) // 0).all()


def test_median_kthvalue_cummax_values_indices_and_grad_fn():
    x = torch.tensor([[1.0, 5.0, 3.0, 2.0], [4.0, 2.0, 6.0, 6.0]])
    assert x.median().item() == 3.0  # the lower middle value, no averaging
    m = x.median(1)
    assert m.values.tolist() == [2.0, 4.0] and m.indices.tolist() == [3, 0]
    assert x.kthvalue(4, 1).values.tolist() == [5.0, 6.0]
    c = torch.tensor([1.0, 3.0, 3.0, 2.0]).cummax(0)
    assert c.values.tolist() == [1.0, 3.0, 3.0, 3.0] and c.indices.tolist() == [0, 1, 2, 2]
    w = x.clone().requires_grad_()
    assert type(w.median().grad_fn).__name__ == "MedianBackward0"
    assert type(w.median(0).values.grad_fn).__name__ == "MedianBackward1"
    assert torch.nonzero(torch.tensor([[0, 1], [2, 0]])).tolist() == [[0, 1], [1, 0]]
