"""The bank's reference solutions are real PyTorch code, and the engine reproduces PyTorch's answers
on them: each reference is run on real PyTorch (float64, in a subprocess) and on the engine (the
judge's expected values), and the two agree to a tenth of the problem's tolerance.

Minimize problems are compared by their points (both run the same iterations)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from judge.grading.compare import compare
from judge.grading.grade import Grader
from judge.problem.cases import expand_cases
from judge.problem.load import load_problem

ROOT = Path(__file__).resolve().parents[2]
PATHS = sorted((ROOT / "problems").glob("*.yaml"))


@pytest.fixture(scope="module")
def pytorch_answers() -> dict:
    script = Path(__file__).with_name("pytorch_answers.py")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(script), *map(str, PATHS)], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def grader():
    import sandbox
    with sandbox.Sandbox(workers=2) as pool:
        yield Grader(pool)


@pytest.mark.torch
@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_engine_matches_pytorch_on_the_reference(path, pytorch_answers, grader):
    problem = load_problem(path)
    cases = expand_cases(problem, student="judge-check")
    engine_answers = grader.store.answers(problem, cases)
    for case, ours, theirs in zip(cases, engine_answers, pytorch_answers[problem.id]):
        assert not (isinstance(theirs, dict) and "error" in theirs), f"{case.name}: PyTorch raised {theirs}"
        tight = replace(case.tolerance, atol=case.tolerance.atol / 10, rtol=case.tolerance.rtol / 10)
        if problem.answer.kind == "minimize":
            tight = replace(tight, atol=case.tolerance.x_atol / 10, rtol=0.0, mode="elementwise")
        assert len(ours) == len(theirs), f"{case.name}: {len(ours)} answers vs PyTorch's {len(theirs)}"
        for answer, expected in zip(ours, theirs):
            expected = np.asarray(expected, dtype=np.float64)
            # Numbers, not layout: shapes are graded by the judge's own tests.
            got = answer.value.reshape(expected.shape) if answer.value.size == expected.size else answer.value
            result = compare(got, expected, tight)
            assert result.ok, (f"{case.name}: {answer.name}: engine {answer.value.ravel()[:6]} vs PyTorch "
                               f"{expected.ravel()[:6]} ({result.reason}, error {result.error:.3g})")
