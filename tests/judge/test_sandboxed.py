"""End to end through the real sandbox: every answer kind and the verdicts real runs give."""
import pytest

import sandbox
from judge.grading.grade import Submission
from judge.problem import load_problem

from judge_helpers import QUADRATIC, SEED_000


def _grade(grader, problem, code):
    return grader.grade(problem, Submission(code))


def test_stdout_ac_wa_and_tensor_printouts(grader, write_problem):
    p = load_problem(write_problem(QUADRATIC.format(id="q-1", expected="8.0")))
    ac = "import torch\nx = torch.tensor(3.0, requires_grad=True)\n(x**2 + 2*x + 1).backward()\nprint(x.grad)\n"
    report = _grade(grader, p, ac)
    assert report.verdict == "AC", report
    wa = _grade(grader, p, ac.replace("2*x", "-2*x"))
    assert wa.verdict == "WA" and wa.tests[0].message == "expected 8.0, got 4.0: off by a constant factor 1/2"


def test_variables_grade_the_seed_program_as_written(grader, write_problem):
    p = load_problem(write_problem(SEED_000))
    seed_program = p.reference + 'print("Gradient of f_y with respect to a:")\nprint(a.grad)\n'
    assert _grade(grader, p, seed_program).verdict == "AC"
    detached = p.reference.replace("f_y.backward(torch.ones_like(f_y))", "")
    report = _grade(grader, p, detached)
    assert report.verdict == "WA" and "a.grad is None: did you call backward()?" in report.tests[0].message
    only_first = p.reference.replace("[[1.0], [2.0]]", "[[1.0]]")
    assert _grade(grader, p, only_first).tests[0].message.startswith("a.grad: expected 4104.0, got 8.0")


FUNCTION = """\
id: fn-1
title: gradient of a cubic
statement: define grad_f(x)
answer: {kind: function, name: grad_f, args: [x]}
reference: |
  def grad_f(x):
      x = x.clone().requires_grad_(True)
      (x ** 3).sum().backward()
      return x.grad
tests:
  - name: sample
    public: true
    inputs: {x: [1.0, 2.0]}
  - name: hidden
    generate: {count: 3, seed: 1, inputs: {x: {uniform: [-2.0, 2.0], shape: [2]}}}
"""


def test_function_kind_catches_a_hard_coded_sample(grader, write_problem):
    p = load_problem(write_problem(FUNCTION))
    report = _grade(grader, p, "import torch\ndef grad_f(x):\n    return torch.tensor([3.0, 12.0])\n")
    assert report.verdict == "PA" and report.tests[0].verdict == "AC"
    assert all(t.verdict == "WA" and t.message.startswith("wrong answer: ") for t in report.tests[1:])
    assert _grade(grader, p, "def grad_f(x):\n    return 3 * x ** 2\n").verdict == "AC"
    missing = _grade(grader, p, "def grad(x):\n    return 3 * x ** 2\n")
    assert missing.verdict == "WA" and "grad_f: NameError" in missing.tests[0].message


MINIMIZE = """\
id: min-1
title: minimise x^2 + e^-x
statement: leave the minimiser in x
answer:
  kind: minimize
  point: x
  minimizer: unique
  objective: |
    import torch
    def f(x):
        return x ** 2 + torch.exp(-x)
reference: |
  import torch
  x = torch.tensor(0.0, requires_grad=True)
  for _ in range(200):
      y = x ** 2 + torch.exp(-x)
      x.grad = None
      y.backward()
      with torch.no_grad():
          x -= 0.1 * x.grad
tests:
  - name: sample
    public: true
"""


def test_minimize_evaluates_the_objective_itself(grader, write_problem):
    p = load_problem(write_problem(MINIMIZE))
    assert _grade(grader, p, "x = 0.3517337\n").verdict == "AC"
    far = _grade(grader, p, "x = 1.0\n")
    assert far.verdict == "WA" and "above the minimum" in far.tests[0].message and "gradient norm" in far.tests[0].message


@pytest.mark.parametrize("code, verdict", [
    ("print(8.0\n", "CE"),
    ("raise ValueError('boom')\n", "RE"),
    ("while True:\n    pass\n", "TLE"),
    ("print('x' * 10, end='')\nwhile True:\n    print('y' * 100000)\n", "OLE"),
])
def test_real_runs_map_to_verdicts(grader, write_problem, code, verdict):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("answer:", "limits: {time: 1s}\nanswer:", 1)
    report = _grade(grader, load_problem(write_problem(text)), code)
    assert report.verdict == verdict, report
    if verdict == "RE":
        assert "ValueError: boom" in report.tests[0].message


def test_memory_bomb_is_mle(grader, write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("answer:", "limits: {memory: 64MiB}\nanswer:", 1)
    report = _grade(grader, load_problem(write_problem(text)), "import numpy as np\nx = np.ones(10**9)\n")
    assert report.verdict == "MLE", report


def test_opening_a_socket_is_sv(grader, write_problem):
    if not any(layer.name == "seccomp" and layer.active for layer in sandbox.doctor()):
        pytest.skip("seccomp is not available on this machine")
    report = _grade(grader, load_problem(write_problem(QUADRATIC.format(id="q-1", expected="8.0"))),
                    "import socket\nsocket.socket()\nprint(8.0)\n")
    assert report.verdict == "SV" and report.tests[0].message.startswith("sandbox rule violated: blocked system call")
