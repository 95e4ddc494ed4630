"""Grading fixes from the authoring audit: a function's answer read however it is returned, TLE
saying which clock ran out, a loss not diagnosed as accumulated gradients."""
import numpy as np
import pytest

from judge.expected import ExpectedStore
from judge.grading.diagnose import diagnose
from judge.grading.grade import Grader, Submission
from judge.grading.runs import AnswerError, Named, align_returned, call_expr
from judge.problem import Answer, Tolerance, load_problem
from sandbox.job import Outcome, Status

from judge_helpers import QUADRATIC, ScriptedRunner, ok

PARTIALS = """\
id: partials
title: t
statement: returns the tuple (dg/dx, dg/dy)
answer: {{kind: function, name: partials, args: [x, y], arg_type: float}}
reference: |
  import torch
  def partials(x, y):
      x = torch.tensor(x, requires_grad=True)
      y = torch.tensor(y, requires_grad=True)
      g = torch.log(1 + x ** 2 * y ** 2) + x * torch.exp(y)
      g.backward()
      return {ret}
tests:
  - name: sample
    public: true
    inputs: {{x: 1.0, y: 0.0}}
  - name: hidden
    inputs: {{x: 2.0, y: -1.0}}
"""

STUDENT = """\
import torch
def partials(x, y):
    x = torch.tensor(x, requires_grad=True)
    y = torch.tensor(y, requires_grad=True)
    g = torch.log(1 + x ** 2 * y ** 2) + x * torch.exp(y)
    g.backward()
    return {ret}
"""


@pytest.mark.parametrize("reference", ["x.grad, y.grad", "x.grad.item(), y.grad.item()"])
@pytest.mark.parametrize("student", ["x.grad, y.grad", "x.grad.item(), y.grad.item()", "[x.grad, y.grad]",
                                     "(float(x.grad), float(y.grad))", "torch.stack([x.grad, y.grad])"])
def test_a_function_returning_floats_or_tensors_is_read_alike(grader, write_problem, reference, student):
    # func-partials: `return x.grad.item(), y.grad.item()` was WA "expected 2 values returned, got 1"
    problem = load_problem(write_problem(PARTIALS.format(ret=reference)))
    report = grader.grade(problem, Submission(STUDENT.format(ret=student)))
    assert report.verdict == "AC", [t.message for t in report.tests]


def test_a_list_of_numbers_is_the_vector_the_reference_returns(grader, write_problem):
    # hidden-logsumexp: `return list(e / e.sum())` was "expected 1 values returned, got 3"
    text = """\
    id: softmax
    title: t
    statement: s
    answer: {kind: function, name: softmax, args: [x], arg_type: tensor}
    reference: |
      import torch
      def softmax(x):
          e = torch.exp(x - x.max())
          return e / e.sum()
    tests:
      - name: sample
        public: true
        inputs: {x: [1.0, 2.0, 3.0]}
    """
    problem = load_problem(write_problem(text))
    code = "import torch\ndef softmax(x):\n    e = torch.exp(x - x.max())\n    return {}\n"
    assert grader.grade(problem, Submission(code.format("list(e / e.sum())"))).verdict == "AC"
    assert grader.grade(problem, Submission(code.format("(e / e.sum()).tolist()"))).verdict == "AC"
    wrong = grader.grade(problem, Submission(code.format("e / e.sum(), 1.0")))
    assert wrong.tests[0].message == ("softmax(x) returned a tuple of 2 values (shape (3,), a number); expected one "
                                      "value of shape (3,)")


def test_align_returned_says_what_came_back():
    two = [Named("f(x)[0]", np.array(1.0)), Named("f(x)[1]", np.array(2.0))]
    assert align_returned([Named("f(x)", np.array([1.0, 2.0]))], two)[1].value == 2.0
    with pytest.raises(AnswerError, match=r"^f\(x\) returned one number; expected a tuple of 2 numbers \(return them "
                                          r"separately: `return a, b`\)$"):
        align_returned([Named("f(x)", np.array(1.0))], two)
    assert "(lambda _r:" in call_expr(Answer(kind="function", name="f", args=("x",)))


def test_tle_says_whether_cpu_or_wall_time_ran_out(tmp_path, write_problem):
    problem = load_problem(write_problem(QUADRATIC.format(id="q-1", expected="8.0")))

    def grade(cpu_ms, time_ms):
        def respond(job):
            if job.filename == "reference.py":
                return ok("8.0")
            return Outcome(Status.TLE, cpu_ms=cpu_ms, time_ms=time_ms)
        runner = ScriptedRunner(respond)
        return Grader(runner, ExpectedStore(runner, tmp_path / "cache")).grade(problem, Submission("x")).tests[0]
    assert grade(2010.0, 2100.0).message == "CPU time limit exceeded: 2.01s of CPU time used, the limit is 2s"
    assert grade(1160.0, 5017.5).message == (
        "wall-clock time limit exceeded: 5.02s of real time (limit 5s, twice the 2s CPU limit plus 1s) with 1.16s "
        "of CPU time: the program was waiting (input(), sleep) or the machine is busy")


def test_a_loss_off_by_an_integer_factor_is_not_called_accumulated_gradients():
    tol = Tolerance()
    assert "backward() calls" in diagnose(np.array(8.0), np.array(1.0), tol)
    assert diagnose(np.array(8.0), np.array(1.0), tol, gradient=False) == (
        "the answer is 8x the expected one: a missing 1/8 (a sum instead of a mean?)")


def test_a_wrongly_shaped_return_value_is_described_without_values_on_hidden_tests(tmp_path, write_problem):
    problem = load_problem(write_problem(PARTIALS.format(ret="x.grad, y.grad")))

    def respond(job):
        if job.filename == "reference.py":
            return Outcome(Status.OK, values={"return": (np.array(1.0), np.array(2.0))})
        return Outcome(Status.OK, values={"return": (np.array(7.5), np.array(8.5), np.array(9.5))})
    runner = ScriptedRunner(respond)
    report = Grader(runner, ExpectedStore(runner, tmp_path / "cache")).grade(problem, Submission("x"))
    assert [t.message for t in report.tests] == [
        "partials(x, y) returned a tuple of 3 numbers; expected a tuple of 2 numbers (return them separately: "
        "`return a, b`)",
        # on the hidden test the count is the program's choice: it could encode an input
        "partials(x, y) returned another number or shape of values; expected a tuple of 2 numbers"]
