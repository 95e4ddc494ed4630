"""Tests -> concrete cases: literal inputs, seeded generated inputs, per-student seeds, points."""
from __future__ import annotations

import hashlib
from typing import Any, Mapping

import numpy as np

from judge.problem.schema import Case, GenerateSpec, Problem


def expand_cases(problem: Problem, student: str | None = None) -> list[Case]:
    """Every case of every test in order. `student` varies the seed of `per_student` tests."""
    cases: list[Case] = []
    for test, points in zip(problem.tests, _test_points(problem)):
        if test.generate is None:
            cases.append(Case(name=test.name, public=test.public, points=points,
                              inputs=_freeze(test.inputs), tolerance=test.tolerance, stdin=test.stdin,
                              expected=test.expected, expected_line=test.expected_line, line=test.line,
                              test=test.name))
            continue
        gen = test.generate
        seed = student_seed(gen.seed, student) if gen.per_student and student else gen.seed
        for i in range(gen.count):
            rng = np.random.default_rng([seed, i])
            inputs = dict(test.inputs)
            inputs.update({name: _draw(spec, rng) for name, spec in gen.inputs.items()})
            cases.append(Case(name=f"{test.name}-{i + 1}", public=test.public, points=points / gen.count,
                              inputs=_freeze(inputs), tolerance=test.tolerance, stdin=test.stdin,
                              line=test.line, test=test.name))
    return cases


def student_seed(seed: int, student: str) -> int:
    """A stable seed per (test seed, student): the same student always sees the same cases."""
    digest = hashlib.sha256(f"{seed}:{student}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "little")


def _test_points(problem: Problem) -> list[float]:
    fixed = sum(t.points for t in problem.tests if t.points is not None)
    free = [t for t in problem.tests if t.points is None]
    share = max(problem.points - fixed, 0.0) / len(free) if free else 0.0
    return [t.points if t.points is not None else share for t in problem.tests]


def _draw(spec: Any, rng: np.random.Generator) -> Any:
    if not isinstance(spec, Mapping):
        return spec                                    # a literal among generated inputs
    shape = tuple(spec["shape"])
    if spec["kind"] == "uniform":
        return rng.uniform(spec["a"], spec["b"], size=shape)
    if spec["kind"] == "normal":
        return rng.normal(spec["a"], spec["b"], size=shape)
    return rng.integers(int(spec["a"]), int(spec["b"]), size=shape, endpoint=True).astype(np.float64)


def _freeze(inputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
    out = {}
    for name, value in inputs.items():
        array = np.array(value, dtype=np.float64)
        array.setflags(write=False)
        out[name] = array
    return out


def describe_generate(gen: GenerateSpec) -> str:
    """One line for `judge show`: what the hidden generator draws (never the values)."""
    parts = []
    for name, spec in gen.inputs.items():
        if isinstance(spec, Mapping):
            shape = f"shape {tuple(spec['shape'])}" if spec["shape"] else "scalar"
            parts.append(f"{name}: {spec['kind']}({spec['a']:g}, {spec['b']:g}), {shape}")
        else:
            parts.append(f"{name}: fixed")
    return f"{gen.count} cases; " + "; ".join(parts)
