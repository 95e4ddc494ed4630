"""Every code snippet of the seed lectures (/work/shared/seeds/*.txt) runs on the engine and gives
the TRUE values (where a seed prints a wrong gradient, the test asserts the correct one).

Snippets run through the `import torch` alias in one child process.
The child installs the alias, runs each snippet in a fresh namespace with stdout captured,
evaluates the snippet's probe expressions, and prints one JSON list. The pytest process's own
`torch` (a real PyTorch, when installed) is never shadowed.
"""
from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]

_CHILD = r'''
import contextlib, io, json, sys, warnings
import numpy as np
import engine.torch_alias
engine.torch_alias.install()

def plain(value):
    if hasattr(value, "detach"):
        return value.detach().numpy().tolist()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return np.asarray(value).tolist()

results = []
for case in json.load(sys.stdin):
    ns = {"__name__": "__main__"}
    out = io.StringIO()
    error = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(case["code"], "<snippet>", "exec"), ns)
        except Exception as e:
            error = [type(e).__name__, str(e)]
        probes = {}
        if error is None:
            for name, expr in case.get("probes", {}).items():
                value = eval(expr, ns)
                probes[name] = None if value is None else plain(value)
    results.append({"stdout": out.getvalue(), "error": error, "probes": probes})
print(json.dumps(results))
'''


def run_snippets(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each case: {"code": str, "probes": {name: expr}} -> {"stdout", "error", "probes"}."""
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(cases),
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"snippet runner failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


# ---- seed 000: f(y) = a*y^3, y = b*x^3, x = [[1], [2]] -------------------------------------------
SEED000 = """
import torch

# Define the scalar coefficients a and b
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)

# Define the input tensor x
x = torch.tensor([[1.0], [2.0]], requires_grad=True)

# Compute y = bx^3
y = b * x ** 3

# Compute f(y) = ay^3
f_y = a * y ** 3

# Compute gradients
f_y.backward(torch.ones_like(f_y))  # Backpropagate gradients

# Access gradients
dL_da = a.grad  # Gradient of f_y with respect to a
dL_db = b.grad  # Gradient of f_y with respect to b

print("Gradient of f_y with respect to a:")
print(dL_da)

print("\\nGradient of f_y with respect to b:")
print(dL_db)
"""

# ---- seed 002: ((x+1)**2).sum() and the 3-layer CELU net -------------------------------------------
SEED002_ONES = "import torch\nprint(repr(torch.ones(2, 2, requires_grad=True)))\n"
SEED002_SUM = """
import torch
x = torch.ones(2, 2, requires_grad=True)
y = ((x+1)**2).sum()
print(repr(y))
y.backward()
print(repr(x.grad))
"""
SEED002_CELU = """
import torch
import torch.nn.functional as F
W1 = torch.randn([3, 10], requires_grad=True)
W2 = torch.randn([10, 10], requires_grad=True)
W3 = torch.randn([10, 1], requires_grad=True)
x = torch.Tensor([1., -2., 3.])
y = F.celu(torch.matmul(W3.T, F.celu(torch.matmul(W2.T, F.celu(torch.matmul(W1.T, x))))))
t = torch.zeros([1])
l = torch.mean((y - t)**2)
print(repr(l))
l.backward()
"""

# ---- seed 003: c = sum(x*y + z) ------------------------------------------------------------------------
SEED003_GRAPH = """
import torch
N, D = 3, 3
x = torch.randn(N, D, requires_grad=True)
y = torch.randn(N, D)
z = torch.randn(N, D)

a = x * y  # element-wise multiplication
b = a + z
c = torch.sum(b)  # sum all elements
"""
SEED003_MANUAL = SEED003_GRAPH + """
import numpy as np
grad_c = 1.0  # c是标量，对自身的梯度是1
grad_b = grad_c * np.ones((N, D))  # ∂c/∂b = 1
grad_a = grad_b.copy()  # ∂c/∂a = ∂c/∂b
grad_z = grad_b.copy()  # ∂c/∂z = ∂c/∂b
grad_x = grad_a * y  # ∂c/∂x = (∂c/∂a) * y
grad_y = grad_a * x  # ∂c/∂y = (∂c/∂a) * x
"""
SEED003_TORCH = """
import torch

N, D = 3, 3
x = torch.randn(N, D, requires_grad=True)
y = torch.randn(N, D)
z = torch.randn(N, D)

a = x * y
b = a + z
c = torch.sum(b)

c.backward()  # 计算梯度

print(x.grad)  # 对比 grad_x
print(y * torch.ones((N, D)))  # 应该等于 grad_x
print(y.grad)  # y 没有 requires_grad，梯度不会计算
"""

# ---- seed 001: the lecture on autograd --------------------------------------------------------------------
S001_INTRO = """
import torch
x = torch.tensor(2.0, requires_grad=True)
def f(x):
    return x ** 2 + 4 * x + 3

y = f(x)
y.backward()
print(repr(x.grad))
"""
S001_CREATE = """
import torch
x = torch.tensor(2.0, requires_grad=True)
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
# 1
x = torch.tensor(3.0, requires_grad=True)
# 2
x = torch.tensor([3.0, 4.0, 5.0], requires_grad=True)
# 3
x = torch.tensor([[3.0, 4.0, 5.0], [6.0, 7.0, 8.0]], requires_grad=True)
print(repr(x))
"""
S001_INT = "import torch\nx = torch.tensor(3, requires_grad=True)\n"
S001_OPS = """
import torch
x = torch.tensor(2.0, requires_grad=True)
print(repr(x + 2))
print(repr(x * 2))
print(repr(torch.sqrt(x)))
print(repr(torch.sin(x)))
print(repr(torch.exp(x)))
y = x + 2
print(y)
y = torch.log(x)
print(repr(y.grad_fn))
"""
S001_PLAIN = "x = 2\ny = x + 2\nprint(y) # → 4\n"
S001_BACKWARD = """
import torch
# 1. 変数(`Tensor` 型)の定義
x = torch.tensor(2.0, requires_grad=True)
# 2. 計算
y = x + 2
# 3. backward()
y.backward()
print(x.grad) # → tensor(1.)
"""
S001_SIN_AS_WRITTEN = """
import torch
x = torch.tensor(2.0, requires_grad=True)
y = torch.sin((x + 2) + (1 + torch.exp(x ** 2)))
y.backward()
print(x.grad()) # → tensor(-218.4625)
"""
S001_SIN_FIXED = S001_SIN_AS_WRITTEN.replace("x.grad()", "x.grad")
S001_CHAIN = """
import torch
x = torch.tensor(2.0, requires_grad=True)
y = x ** 2
z = 2 * y + 3
z.backward()
print(x.grad) # → tensor(8.) ... backward()した変数に対する勾配!(この場合はz)
"""
S001_VECTOR = """
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = 2 * x[0] + 3 * x[1] + 4 * x[2]
y.backward()
print(x.grad) # → tensor([2., 3., 4.])
"""
S001_MATRIX = """
import torch
A = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
y = torch.sum(A)
y.backward()
print(A.grad)
"""
S001_TWO_VARS = """
import torch
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
z = 2 * x + 4 * y
z.backward()
print(x.grad) # → tensor(2.)
print(y.grad) # → tensor(4.)
"""
S001_BRANCH = """
import torch
x = torch.tensor(2.0, requires_grad=True)

def f(x):
    return x + 3
def g(x):
    return torch.sin(x) + torch.cos(x ** 2)

if rand() < 0.5:
    y = f(x)
else:
    y = g(x)
y.backward()
"""
S001_EX3_1 = """
import torch
x = torch.tensor(3.0, requires_grad=True)
y = x ** 2 + 2 * x + 1

y.backward()
gx = x.grad

print(gx.item()) # → 8.0
"""
S001_EX3_2 = """
import torch

x1 = torch.tensor(1.0, requires_grad=True)
x2 = torch.tensor(2.0, requires_grad=True)
x3 = torch.tensor(3.0, requires_grad=True)

y = x1**2 + x2**2 + x3**2

y.backward()

print(x1.grad.item()) # → 2.0
print(x2.grad.item()) # → 4.0
print(x3.grad.item()) # → 6.0
"""
S001_EX3_3 = """
import torch
W = torch.tensor([[1.0, 2.0], [2.0, 1.0]])
x1 = torch.tensor([1.0, 2.0], requires_grad=True)

y = torch.matmul(torch.matmul(x1, W), x1)
y.backward()

gx = x1.grad

print(*gx.numpy()) # → 10.0 8.0
"""
S001_PURE_GD = """
from math import exp

x = 3
lr = 0.0005

# xでの微分係数
def grad(x):
    return 2 * x - exp(-x)

for i in range(10001):
    # 更新式
    x = x - lr * grad(x)
    if i % 1000 == 0:
        print('x_', i, '=', x)
"""
S001_TORCH_GD = """
import torch

lr = 0.01
N = 10001
x = torch.tensor(3.0, requires_grad=True)

def f(x):
    return x ** 2 - torch.exp(-x)

for i in range(10001):
    y = f(x)
    y.backward()
    x.data = x.data - lr * x.grad
    x.grad.zero_()
"""
S001_NUMDIFF = """
def diff(f, x):
    h = 1e-6
    return (f(x + h) - f(x)) / h
print(diff(lambda x : x**2, 2))
"""
# The slide's classes, as printed except that `→` is spelled `->` (the slide's typography is not
# Python) and `Tensor.__init__`'s elided body (`...`) stores the value and its creator.
S001_OO = """
class Add:
    def __call__(self, x0: 'Tensor', x1: 'Tensor') -> 'Tensor':
        self.x0 = x0
        self.x1 = x1
        return Tensor(x0.value + x1.value, creator=self)

    def backward(self, gy):
        return gy, gy

class Mul:
    def __call__(self, x0: 'Tensor', x1: 'Tensor') -> 'Tensor':
        self.x0 = x0
        self.x1 = x1
        return Tensor(x0.value * x1.value, creator=self)

    def backward(self, gy):
        return gy * self.x1, gy * self.x0

class Tensor:
    def __init__(self, value, creator=None):
        self.value = value
        self.creator = creator

    def __add__(self, other):
        return Add()(self, other)

    def __mul__(self, other):
        return Mul()(self, other)

# t = x + y, z = x * t  (the slide's graph), backpropagated by hand through the creators;
# gradients are Tensors too, so `gy * self.x1` is the slide's own Mul
x, y = Tensor(2.0), Tensor(3.0)
t = x + y
z = x * t
gx_direct, gt = z.creator.backward(Tensor(1.0))
gx_via_t, gy = t.creator.backward(gt)
print(z.value, gx_direct.value + gx_via_t.value, gy.value)
"""
S001_TORCHVIZ = """
import torch
import torchviz

x = torch.tensor([1., 2., 3.], requires_grad=True)
y = torch.sin(torch.sum(x) + 2)
dot = torchviz.make_dot(y)
"""

CASES = {
    "000": {"code": SEED000, "probes": {"a": "a.grad", "b": "b.grad"}},
    "002_ones": {"code": SEED002_ONES},
    "002_sum": {"code": SEED002_SUM},
    "002_celu": {"code": SEED002_CELU,
                 "probes": {"W1": "W1.detach()", "W2": "W2.detach()", "W3": "W3.detach()",
                            "g1": "W1.grad", "g2": "W2.grad", "g3": "W3.grad", "l": "l"}},
    "003_graph": {"code": SEED003_GRAPH, "probes": {"c": "c", "ref": "(x*y+z).sum()"}},
    "003_manual": {"code": SEED003_MANUAL, "probes": {"gx": "grad_x", "y": "y", "gz": "grad_z"}},
    "003_torch": {"code": SEED003_TORCH, "probes": {"gx": "x.grad", "y": "y",
                                                    "ygrad": "y.grad"}},
    "001_intro": {"code": S001_INTRO},
    "001_create": {"code": S001_CREATE},
    "001_int": {"code": S001_INT},
    "001_ops": {"code": S001_OPS},
    "001_plain": {"code": S001_PLAIN},
    "001_backward": {"code": S001_BACKWARD},
    "001_sin_as_written": {"code": S001_SIN_AS_WRITTEN},
    "001_sin_fixed": {"code": S001_SIN_FIXED},
    "001_chain": {"code": S001_CHAIN},
    "001_vector": {"code": S001_VECTOR},
    "001_matrix": {"code": S001_MATRIX},
    "001_two_vars": {"code": S001_TWO_VARS},
    "001_branch_f": {"code": "rand = lambda: 0.25\n" + S001_BRANCH, "probes": {"g": "x.grad"}},
    "001_branch_g": {"code": "rand = lambda: 0.75\n" + S001_BRANCH, "probes": {"g": "x.grad"}},
    "001_ex3_1": {"code": S001_EX3_1},
    "001_ex3_2": {"code": S001_EX3_2},
    "001_ex3_3": {"code": S001_EX3_3},
    "001_pure_gd": {"code": S001_PURE_GD},
    "001_torch_gd": {"code": S001_TORCH_GD, "probes": {"x": "x"}},
    "001_torch_gd_plus": {"code": S001_TORCH_GD.replace("x ** 2 - torch.exp(-x)",
                                                        "x ** 2 + torch.exp(-x)"),
                          "probes": {"x": "x"}},
    "001_numdiff": {"code": S001_NUMDIFF},
    "001_oo": {"code": S001_OO},
    "001_torchviz": {"code": S001_TORCHVIZ, "probes": {}},
    "001_torchviz_source": {"code": S001_TORCHVIZ + "print(dot.source)\n"},
}


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    names = list(CASES)
    return dict(zip(names, run_snippets([CASES[n] for n in names])))


def ok(results: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    r = results[name]
    assert r["error"] is None, f"snippet {name} raised {r['error']}"
    return r


def test_seed000_gradients_are_the_true_sums_not_the_printed_8_and_12(results):
    r = ok(results, "000")
    # f = a*b^3*x^9 summed over x=1,2: df/da = 8+4096, df/db = 12+6144
    assert r["probes"]["a"] == 4104.0 and r["probes"]["b"] == 6156.0
    assert r["stdout"] == ("Gradient of f_y with respect to a:\ntensor(4104.)\n\n"
                           "Gradient of f_y with respect to b:\ntensor(6156.)\n")


def test_seed002_ones_prints_like_torch(results):
    assert ok(results, "002_ones")["stdout"] == (
        "tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)\n")


def test_seed002_sum_of_squares_gradient_is_4_not_5(results):
    assert ok(results, "002_sum")["stdout"] == (
        "tensor(16., grad_fn=<SumBackward0>)\n"
        "tensor([[4., 4.],\n        [4., 4.]])\n")


def _celu(v: np.ndarray) -> np.ndarray:
    return np.where(v > 0, v, np.expm1(np.minimum(v, 0)))


def _celu_net_loss(W1: np.ndarray, W2: np.ndarray, W3: np.ndarray) -> float:
    x = np.array([1.0, -2.0, 3.0])
    y = _celu(W3.T @ _celu(W2.T @ _celu(W1.T @ x)))
    return float(np.mean(y ** 2))


def test_seed002_celu_net_gradients_match_float64_finite_differences(results):
    r = ok(results, "002_celu")
    assert re.fullmatch(r"tensor\(-?\d+\.\d*, grad_fn=<MeanBackward0>\)\n", r["stdout"])
    W = [np.array(r["probes"][k], dtype=np.float64) for k in ("W1", "W2", "W3")]
    assert abs(r["probes"]["l"] - _celu_net_loss(*W)) <= 1e-5 * max(1.0, abs(r["probes"]["l"]))
    for i, key in enumerate(("g1", "g2", "g3")):
        got = np.array(r["probes"][key])
        assert got.shape == W[i].shape
        fd = np.zeros_like(W[i])
        h = 1e-6
        for idx in np.ndindex(W[i].shape):
            plus = [w.copy() for w in W]
            minus = [w.copy() for w in W]
            plus[i][idx] += h
            minus[i][idx] -= h
            fd[idx] = (_celu_net_loss(*plus) - _celu_net_loss(*minus)) / (2 * h)
        scale = max(np.abs(fd).max(), 1e-3)
        assert np.abs(got - fd).max() <= 1e-3 * scale, key


def test_seed003_graph_and_manual_backprop(results):
    g = ok(results, "003_graph")["probes"]
    assert g["c"] == pytest.approx(g["ref"], rel=1e-6)
    m = ok(results, "003_manual")["probes"]
    np.testing.assert_allclose(m["gx"], m["y"], rtol=1e-6)
    assert np.all(np.array(m["gz"]) == 1.0)


def test_seed003_x_grad_equals_y_and_y_grad_is_none(results):
    r = ok(results, "003_torch")
    assert r["probes"]["gx"] == r["probes"]["y"]
    assert r["probes"]["ygrad"] is None
    lines = r["stdout"].splitlines()
    assert lines[-1] == "None"
    # print(x.grad) and print(y * ones) show the same tensor
    assert "\n".join(lines[:3]) == "\n".join(lines[3:6])


@pytest.mark.parametrize("name, expected", [
    ("001_intro", "tensor(8.)\n"),
    ("001_create", "tensor([[3., 4., 5.],\n        [6., 7., 8.]], requires_grad=True)\n"),
    ("001_plain", "4\n"),
    ("001_backward", "tensor(1.)\n"),
    ("001_sin_fixed", "tensor(-218.4625)\n"),
    ("001_chain", "tensor(8.)\n"),
    ("001_vector", "tensor([2., 3., 4.])\n"),
    ("001_matrix", "tensor([[1., 1., 1.],\n        [1., 1., 1.]])\n"),
    ("001_two_vars", "tensor(2.)\ntensor(4.)\n"),
    ("001_ex3_1", "8.0\n"),
    ("001_ex3_2", "2.0\n4.0\n6.0\n"),
    ("001_ex3_3", "10.0 8.0\n"),
    ("001_numdiff", "4.0000010006480125\n"),
    ("001_oo", "10.0 7.0 2.0\n"),
])
def test_seed001_printed_outputs(results, name, expected):
    assert ok(results, name)["stdout"] == expected


def test_seed001_tensor_ops_print_with_grad_fn_names(results):
    lines = ok(results, "001_ops")["stdout"].splitlines()
    assert lines[:6] == [
        "tensor(4., grad_fn=<AddBackward0>)",
        "tensor(4., grad_fn=<MulBackward0>)",
        "tensor(1.4142, grad_fn=<SqrtBackward0>)",
        "tensor(0.9093, grad_fn=<SinBackward0>)",
        "tensor(7.3891, grad_fn=<ExpBackward0>)",
        "tensor(4., grad_fn=<AddBackward0>)",
    ]
    assert re.fullmatch(r"<LogBackward0 object at 0x[0-9a-f]+>", lines[6])


def test_seed001_requires_grad_on_int_raises_torchs_error(results):
    assert results["001_int"]["error"] == [
        "RuntimeError", "Only Tensors of floating point and complex dtype can require gradients"]


def test_seed001_calling_x_grad_is_a_type_error_as_in_torch(results):
    # The slide writes print(x.grad()); torch raises this, and so must the engine.
    assert results["001_sin_as_written"]["error"] == ["TypeError", "'Tensor' object is not callable"]


def test_seed001_branches_differentiate_the_branch_taken(results):
    assert ok(results, "001_branch_f")["probes"]["g"] == 1.0
    g = ok(results, "001_branch_g")["probes"]["g"]
    assert g == pytest.approx(math.cos(2.0) - 4.0 * math.sin(4.0), rel=1e-5)


def test_seed001_pure_python_gradient_descent(results):
    lines = ok(results, "001_pure_gd")["stdout"].splitlines()
    assert len(lines) == 11 and lines[0].startswith("x_ 0 = ")
    x = 3.0
    for _ in range(10001):
        x = x - 0.0005 * (2 * x - math.exp(-x))
    assert lines[-1] == f"x_ 10000 = {x}"


def test_seed001_torch_gradient_descent_behaves_as_in_torch(results):
    # The slide's torch code minimises x^2 - exp(-x), whose derivative 2x + exp(-x) >= 2 - 2ln2
    # is never 0: x runs off to -inf and becomes nan, exactly as real PyTorch does (checked).
    assert math.isnan(ok(results, "001_torch_gd")["probes"]["x"])
    # The function the slide means, x^2 + exp(-x) (its pure-Python grad is 2x - exp(-x)),
    # has its minimum where 2x = exp(-x).
    x = ok(results, "001_torch_gd_plus")["probes"]["x"]
    assert x == pytest.approx(0.35173371124919584, abs=1e-6)


def test_seed001_torchviz_make_dot(results):
    ok(results, "001_torchviz")
    source = ok(results, "001_torchviz_source")["stdout"]
    assert source.startswith("digraph {")
    for name in ("SinBackward0", "AddBackward0", "SumBackward0", "AccumulateGrad", "(3)"):
        assert name in source, name
