"""The problem model: what a YAML problem file means once it has been validated.

Plain frozen dataclasses; `load.py` builds them and is the only place that knows YAML.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

ANSWER_KINDS = ("stdout", "variables", "function", "minimize")
TOLERANCE_MODES = ("norm", "elementwise")


class ProblemError(ValueError):
    """A problem file is invalid; the message names file, line and field."""

    def __init__(self, where: str, line: int | None, field_path: str, message: str):
        self.where, self.line, self.field_path = where, line, field_path
        location = f"{where}:{line}" if line else where
        prefix = f"{field_path}: " if field_path else ""
        super().__init__(f"{location}: {prefix}{message}")
        self.errors: list[ProblemError] = [self]


class ProblemErrors(ProblemError):
    """Several errors in one file, reported together in line order (one per line of the message)."""

    def __init__(self, errors: list[ProblemError]):
        errors = sorted(errors, key=lambda e: e.line or 0)
        ValueError.__init__(self, "\n".join(str(e) for e in errors))
        first = errors[0]
        self.where, self.line, self.field_path = first.where, first.line, first.field_path
        self.errors = errors


@dataclass(frozen=True)
class Tolerance:
    atol: float = 1e-4
    rtol: float = 1e-4
    mode: str = "norm"
    # minimize only
    f_atol: float = 1e-5
    f_rtol: float = 1e-5
    grad_norm: float = 1e-3
    x_atol: float = 1e-3
    line: int | None = field(default=None, compare=False)   # where it was written (for messages)


@dataclass(frozen=True)
class Answer:
    kind: str
    parse: str = "strict"                               # stdout
    read: tuple[tuple[str, str], ...] = ()              # variables: (expression, "grad"|"value")
    name: str = ""                                      # function
    args: tuple[str, ...] = ()
    arg_type: str = "tensor"
    point: str = ""                                     # minimize ("" -> read stdout)
    objective: str = ""
    minimizer: str = "any"
    partial: bool = False
    checker: str = ""                                   # optional custom checker (trusted code)


@dataclass(frozen=True)
class GenerateSpec:
    count: int
    seed: int
    per_student: bool
    inputs: Mapping[str, Any]       # name -> {"uniform"|"normal"|"integers": [a, b], "shape": [...]} or literal


@dataclass(frozen=True)
class TestSpec:
    name: str
    public: bool = False
    points: float | None = None
    inputs: Mapping[str, Any] = field(default_factory=dict)
    stdin: str = ""
    expected: Any = None             # literal from the YAML, checked against the reference
    expected_line: int | None = None
    generate: GenerateSpec | None = None
    tolerance: Tolerance = Tolerance()
    line: int | None = None


@dataclass(frozen=True)
class GradientOf:
    f: str
    answers: tuple[str, ...]
    at: Mapping[str, Any] | None = None
    line: int | None = None                 # of `at` (or of the section when `at` is absent)


@dataclass(frozen=True)
class Wrong:
    name: str
    code: str


@dataclass(frozen=True)
class Problem:
    id: str
    title: str
    statement: str
    answer: Answer
    reference: str
    tests: tuple[TestSpec, ...]
    points: float = 100.0
    tags: tuple[str, ...] = ()
    statements: Mapping[str, str] = field(default_factory=dict)   # language code -> translation
    time_s: float = 2.0
    memory_mib: int = 256
    tolerance: Tolerance = Tolerance()
    wrong: tuple[Wrong, ...] = ()
    gradient_of: GradientOf | None = None
    path: str = ""
    # mutant name -> "allowed": mutants `judge check` must not insist on rejecting (a custom
    # checker that accepts either sign of an eigenvector accepts the negated answer on purpose).
    mutants: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """One concrete run: a test (or one generated case of it) with its inputs."""

    name: str
    public: bool
    points: float
    inputs: Mapping[str, np.ndarray]
    tolerance: Tolerance
    stdin: str = ""
    expected: Any = None
    expected_line: int | None = None
    line: int | None = None          # the test entry in the YAML
    test: str = ""                   # the test entry's name (a generated case is <test>-<i>)
