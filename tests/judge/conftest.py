"""Fixtures for judge tests; helpers live in judge_helpers.py (importable from here)."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

import sandbox
from judge.expected import ExpectedStore
from judge.grading.grade import Grader

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def write_problem(tmp_path):
    def write(text: str, name: str | None = None) -> Path:
        text = textwrap.dedent(text)
        pid = name or next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
        path = tmp_path / "problems" / f"{pid}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        return path
    return write


@pytest.fixture(scope="session")
def pool():
    with sandbox.Sandbox(workers=2) as p:
        yield p


@pytest.fixture
def grader(pool, tmp_path):
    return Grader(pool, ExpectedStore(pool, tmp_path / "cache"))
