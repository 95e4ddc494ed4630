"""Submissions that once broke grading for others (red-team audit): each gets its own verdict,
and the other submissions of the same batch are graded as if it were not there."""
from __future__ import annotations

from pathlib import Path

import pytest

from judge.grading.grade import Submission
from judge.grading.stdout_parse import parse_numbers
from judge.problem import load_problem

from judge_helpers import QUADRATIC, SEED_000

BANK = Path(__file__).resolve().parents[2] / "problems"
ROSENBROCK_POINT = """\
import torch
def f(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
p = torch.tensor([-1.5, 2.0], requires_grad=True)
opt = torch.optim.Adam([p], lr=0.02)
for step in range(5000):
    opt.zero_grad()
    f(p).backward()
    opt.step()
"""


def test_unicode_spaces_separate_numbers():
    for text in ("8.0 \u3000\n", "8.0\u00a0", "8.0\x0c", "8.0\x0b"):
        assert parse_numbers(text).tolist() == [8.0]


def test_a_hostile_output_costs_only_its_own_verdict(grader, write_problem):
    problem = load_problem(write_problem(QUADRATIC.format(id="quad", expected="8.0")))
    subs = [Submission("print(8.0)"), Submission('print(8.0, "\\u3000")'),
            Submission("print(8.0, '\\ud800')"), Submission("print(7.0)")]
    verdicts = [r.verdict for r in grader.grade_many(problem, subs)]
    assert verdicts == ["AC", "AC", "WA", "WA"]


@pytest.mark.parametrize("ending, verdict", [
    ("p = [p[0], p[1]]", "AC"),                    # a list of two numbers is the point
    ("p = (p[0].detach(), p[1].item())", "AC"),
    ("p = torch.ones(2, 2)", "WA"),                # the wrong shape: not evaluated, WA
    ("p = torch.zeros(0)", "WA"),
    ("p = [p, p[:1]]", "WA"),                      # ragged
])
def test_minimize_points_of_any_form(grader, ending, verdict):
    problem = load_problem(BANK / "adam-rosenbrock.yaml")
    report = grader.grade(problem, Submission(ROSENBROCK_POINT + ending + "\n"))
    assert report.verdict == verdict, [t.message for t in report.tests]
    if verdict == "WA":
        assert "expected one point of shape (2,)" in report.tests[0].message


@pytest.mark.parametrize("grad, message", [
    ("[torch.tensor([1.0]), torch.tensor([1.0, 2.0])]", "got a list or tuple of 2 values"),
    ("torch.ones(2500, 1000)", "far more than the answer can hold"),  # over the 8 MiB channel
])
def test_answers_of_the_wrong_form_are_wa(grader, grad, message):
    problem = load_problem(BANK / "composite-z-2y-plus-3.yaml")
    source = f"import torch\nclass X:\n    grad = {grad}\nx = X()\n"
    report = grader.grade(problem, Submission(source))
    assert report.verdict == "WA" and message in report.tests[0].message, report.tests[0].message
