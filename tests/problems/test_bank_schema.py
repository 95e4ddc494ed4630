"""The bank itself: every problem loads, the anchor ids and seed exercises are covered, and each
problem has what the course relies on (statements, wrong solutions, hidden cases, cross-checks).

These run without the sandbox; `test_bank_check.py` proves the problems with `judge check`.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from judge.problem.cases import expand_cases
from judge.problem.load import load_problem

BANK = Path(__file__).resolve().parents[2] / "problems"
PATHS = sorted(BANK.glob("*.yaml"))
PROBLEMS = {p.stem: load_problem(p) for p in PATHS}

# The anchor course judge's ids, kept so links from the lecture slides stay valid.
ANCHOR_IDS = ["autograd-practice-1", "autograd-practice-2", "autograd-practice-3",
              "minimize-difficult-function"]

# Every exercise and example of the seed lectures, by the problem that covers it.
SEED_COVERAGE = {
    "a(bx^3)^3 with shared a, b (seed 000)": "seed-000-shared-coefficients",
    "((x+1)^2).sum() (seed 002)": "seed-002-shifted-square-sum",
    "three-layer celu network (seed 002)": "celu-three-layer",
    "sum(x*y+z) (seed 003)": "seed-003-sum-xy-plus-z",
    "sin((x+2)+(1+e^(x^2))) (seed 001)": "sin-exp-chain",
    "z = 2y + 3, y = x^2 (seed 001)": "composite-z-2y-plus-3",
    "2x0 + 3x1 + 4x2 (seed 001)": "linear-combination-vector",
    "sum(A) (seed 001)": "matrix-sum-gradient",
    "z = 2x + 4y (seed 001)": "two-variables-linear",
    "requires_grad on an integer tensor (seed 001)": "integer-requires-grad",
    "gradient descent on x^2 + e^(-x) (seed 001)": "gradient-descent-x2-exp",
    "numerical differentiation (seed 001)": "numerical-differentiation",
    "x^2 + 4x + 3 at 2 (seed 001)": "intro-polynomial",
    "graph of sin(sum(x) + 2) (seed 001)": "graph-sin-sum",
    "z = (u + v)(u - v), two paths (seed 001)": "chain-rule-two-paths",
    "if/else: only applied operations count (seed 001)": "branching-function",
    "torch.sqrt / sin / exp (seed 001)": "elementary-functions",
}

NEXT_STEPS = ["mse-gradient", "cross-entropy-gradient", "softmax-jacobian", "linear-regression-gd",
              "two-layer-network", "adam-rosenbrock", "hessian-vector-product",
              "logistic-regression-gradient", "custom-function-softplus", "per-sample-gradients"]


def test_bank_has_enough_problems_and_every_answer_kind():
    assert len(PROBLEMS) >= 25
    kinds = {p.answer.kind for p in PROBLEMS.values()}
    assert kinds == {"stdout", "variables", "function", "minimize"}


@pytest.mark.parametrize("problem_id", ANCHOR_IDS + sorted(SEED_COVERAGE.values()) + NEXT_STEPS)
def test_required_problem_exists(problem_id):
    assert problem_id in PROBLEMS, f"problems/{problem_id}.yaml is missing"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_problem_is_complete(path):
    problem = PROBLEMS[path.stem]
    assert problem.id == path.stem
    assert problem.statement.strip() and "ja" in problem.statements, "English and Japanese statements"
    assert problem.tags
    assert len(problem.wrong) >= 2, "at least two realistic wrong solutions"
    cases = expand_cases(problem)
    assert any(c.public for c in cases), "a public sample"
    if problem.answer.kind == "function":
        # A function problem is called on inputs the student never saw, so a hard-coded answer fails.
        assert any(not c.public for c in cases), "hidden generated cases"
        assert any(t.generate is not None and not t.public for t in problem.tests)
        # ... and it earns little: most points sit on the hidden cases.
        assert sum(c.points for c in cases if c.public) <= 0.25 * problem.points
    if problem.answer.kind in ("stdout", "variables") and path.stem != "integer-requires-grad":
        assert problem.gradient_of is not None, "a gradient is asked: declare gradient_of for the FD check"


def test_seed_literals_are_the_true_values():
    # Seed 000 printed 8 and 12 and seed 002 claimed 5; the bank must state the truth.
    seed000 = PROBLEMS["seed-000-shared-coefficients"].tests[0].expected
    assert seed000 == {"a": 4104.0, "b": 6156.0}
    seed002 = PROBLEMS["seed-002-shifted-square-sum"].tests[0].expected
    assert seed002 == {"x": [[4.0, 4.0], [4.0, 4.0]]}
    assert PROBLEMS["sin-exp-chain"].tests[0].expected == [-218.4625]
    assert PROBLEMS["autograd-practice-1"].tests[0].expected == [8.0]
    assert PROBLEMS["autograd-practice-3"].tests[0].expected == [10.0, 8.0]


def test_minimize_problems_declare_the_objective_the_judge_evaluates():
    for problem in PROBLEMS.values():
        if problem.answer.kind == "minimize":
            assert "def f(" in problem.answer.objective and problem.answer.point
