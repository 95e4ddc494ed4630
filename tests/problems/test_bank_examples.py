"""Every example submission in problems/examples/ gets the verdict its header claims.

Each example names its command and verdict in its first lines, e.g.
  # gradjudge example: judge submit problems/examples/seed-000-wrong.py -p seed-000-shared-coefficients
  # expected verdict: WA (...)
so the README can show them and this test keeps them true. A file without that header and named
after a problem (`autograd-practice-1.py`) claims to be a correct submission for it: AC.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from judge.cli import main

BANK = Path(__file__).resolve().parents[2] / "problems"
EXAMPLES = sorted(p for p in (BANK / "examples").iterdir() if p.suffix in (".py", ".ipynb"))
_PROBLEM_RE = re.compile(r"judge submit \S+ -p ([a-z0-9-]+)")
_VERDICT_RE = re.compile(r"expected verdict: ([A-Z]{2,3})\b")


def _claim(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    problem, verdict = _PROBLEM_RE.search(text), _VERDICT_RE.search(text)
    assert problem and verdict, f"{path.name}: say `judge submit ... -p ID` and `expected verdict: XX`"
    return problem.group(1), verdict.group(1)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_gets_its_claimed_verdict(path):
    problem, verdict = _claim(path)
    result = CliRunner().invoke(main, ["--problems", str(BANK), "submit", str(path), "-p", problem, "--json"])
    report = json.loads(result.output)
    assert report["problem"] == problem
    assert report["verdict"] == verdict, json.dumps(report, indent=1)
    assert result.exit_code == (0 if verdict == "AC" else 1)
