"""`judge check`: prove a problem right before any student sees it (like Kattis verifyproblem).

Checks, in order, each reported with what to fix:
  schema       the file loads (file:line: field: what was expected)
  reference    the reference, graded like a student's float32 submission, is AC on every test
  float32      the reference's float32 answers sit within tolerance/10 of its float64 ones
  fd           central finite differences of `gradient_of.f` agree with the reference's gradient
  literals     every `expected:` written in the YAML equals the reference's answer
  wrong        every listed wrong solution is rejected (not AC)
  mutants      the reference's answer negated, doubled (= accumulated twice), halved, zeroed and
               transposed is rejected by at least one test (the numbers are mutated in the judge;
               only a custom checker, or for `minimize` the objective, runs on them)
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from judge.authoring.fd import fd_job
from judge.expected import ReferenceFailure
from judge.grading.compare import compare
from judge.grading.grade import Grader, Submission
from judge.grading.minimize import judge_minimum, scalar
from judge.grading.runs import Named, checker_job, checker_score, objective_job, outcome_failure
from judge.problem.bank import load_cached
from judge.problem.cases import expand_cases
from judge.problem.schema import Case, Problem, ProblemError, Tolerance
from sandbox.job import Status

NOISE_FACTOR = 10.0


@dataclass
class Finding:
    check: str
    ok: bool
    detail: str = ""


@dataclass
class ProblemCheck:
    target: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    def add(self, check: str, problems: Sequence[str], passed: str = "") -> None:
        if problems:
            self.findings.extend(Finding(check, False, p) for p in problems)
        else:
            self.findings.append(Finding(check, True, passed))


def check_paths(paths: Sequence[Path], grader: Grader, parallel: int = 1,
                on_done: Callable[[ProblemCheck], None] = lambda c: None) -> list[ProblemCheck]:
    """Check problems `parallel` at a time (each mostly waits on the sandbox pool), in order."""
    results = []
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        for result in pool.map(lambda path: check_path(path, grader), paths):
            on_done(result)
            results.append(result)
    return results


def check_path(path: Path, grader: Grader) -> ProblemCheck:
    result = ProblemCheck(str(path))
    try:
        problem = load_cached(path)
    except (ProblemError, OSError) as exc:
        result.add("schema", [str(exc)])
        return result
    result.add("schema", [])
    try:
        check_problem(problem, grader, result)
    except ReferenceFailure as exc:
        result.add("reference", [f"{exc}; fix the reference solution"])
    except Exception as exc:    # one broken problem must not hide the report on the others
        result.add("internal", [f"checking stopped: {type(exc).__name__}: {exc}"])
    return result


def check_problem(problem: Problem, grader: Grader, result: ProblemCheck) -> None:
    cases = expand_cases(problem, student="judge-check")
    expected = grader.store.answers(problem, cases)
    # The reference graded as a student's float32 submission, and the wrong solutions, in one batch.
    runs = [Submission(problem.reference, "reference.py", "judge-check")]
    runs += [Submission(w.code, "wrong.py", "judge-check") for w in problem.wrong]
    report, *wrong_reports = grader.grade_many(problem, runs)
    result.add("reference", [f"test {t.name}: {t.verdict} {t.message}" for t in report.tests if t.verdict != "AC"]
               + ([f"{report.verdict}: {report.message}"] if not report.tests else []),
               f"AC on {len(report.tests)} tests")
    if problem.answer.kind != "minimize":
        result.add("float32", _float32_noise(problem, grader, cases, expected))
        result.add("literals", _literals(problem, cases, expected))
        result.add("mutants", _mutants(problem, grader, cases, expected))
    else:
        result.add("mutants", _point_mutants(problem, grader, cases, expected))
    if problem.gradient_of is not None:
        result.add("fd", _finite_differences(problem, grader, cases, expected))
    result.add("wrong", [f"wrong solution '{w.name}' is accepted: add a test that catches it, or tighten "
                         "the tolerance" for w, r in zip(problem.wrong, wrong_reports) if r.verdict == "AC"],
               f"{len(problem.wrong)} rejected")


def _float32_noise(problem: Problem, grader: Grader, cases: list[Case], expected) -> list[str]:
    single = grader.store.answers(problem, cases, dtype="float32")
    out = []
    for case, e64, e32 in zip(cases, expected, single):
        tight = _scaled(case.tolerance, 1 / NOISE_FACTOR)
        for a, b in zip(e32, e64):
            c = compare(a.value, b.value, tight)
            if not c.ok:
                out.append(f"test {case.name}: {a.name} in float32 is off by {c.error:.3g} "
                           f"(over tolerance/{NOISE_FACTOR:g} = {c.bound:.3g}): loosen atol/rtol or use "
                           "mode: norm")
    return out


def _scaled(tol: Tolerance, k: float) -> Tolerance:
    return replace(tol, atol=tol.atol * k, rtol=tol.rtol * k)


def _literals(problem: Problem, cases: list[Case], expected: list[list[Named]]) -> list[str]:
    out = []
    for case, answers in zip(cases, expected):
        if case.expected is None:
            continue
        where = f"{problem.path}:{case.expected_line}: test {case.name}: expected"
        literal = case.expected
        if isinstance(literal, dict):
            values = [literal.get(a.name, literal.get(a.name.removesuffix(".grad"))) for a in answers]
        elif len(answers) == 1:
            values = [literal]
        else:
            values = list(literal) if isinstance(literal, list) else [literal]
        if len(values) != len(answers) or any(v is None for v in values):
            out.append(f"{where}: give one value per answer ({', '.join(a.name for a in answers)})")
            continue
        for value, answer in zip(values, answers):
            try:
                given = np.asarray(value, dtype=np.float64)
            except (TypeError, ValueError):
                out.append(f"{where}: {value!r} is not a number or list of numbers")
                continue
            same = given.size == answer.value.size and compare(
                given.ravel(), answer.value.ravel(), case.tolerance).ok
            if not same:
                label = "" if answer.name == "output" else f" for {answer.name}"
                out.append(f"{where}{label} says {_show(given)} but the reference computes "
                           f"{_show(answer.value)}: fix the literal (or the reference)")
    return out


def _show(x: np.ndarray) -> str:
    return f"{float(x.ravel()[0]):.10g}" if x.size == 1 else np.array2string(x.ravel(), precision=8, threshold=12)


MUTANTS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "negated": lambda g: -g,
    "doubled (gradients accumulated twice)": lambda g: 2 * g,
    "halved": lambda g: g / 2,
    "zeroed (detached graph)": np.zeros_like,
    "transposed": lambda g: g.T,
}


def _mutants(problem: Problem, grader: Grader, cases: list[Case], expected: list[list[Named]]) -> list[str]:
    trials = []                                # (mutant, case, mutated answers, expected answers)
    for name, mutate in MUTANTS.items():
        for case, answers in zip(cases, expected):
            mutated = [Named(a.name, mutate(a.value)) for a in answers]
            if all(np.array_equal(m.value, a.value) for m, a in zip(mutated, answers)):
                continue                       # e.g. a symmetric matrix transposed: not a mistake here
            trials.append((name, case, mutated, answers))
    if problem.answer.checker:                 # the author's checker decides, as it would for a student
        outcomes = grader.runner.map([checker_job(problem, c, m, a) for _, c, m, a in trials]) if trials else []
        accepted = [checker_score(o) == 1.0 for o in outcomes]
    else:
        accepted = [all(compare(m.value, a.value, c.tolerance).ok for m, a in zip(mutated, answers))
                    for _, c, mutated, answers in trials]
    names = {name for name, *_ in trials}
    caught = {name for (name, *_), ok in zip(trials, accepted) if not ok}
    return [f"the reference's answer {name} would be accepted on every test: add a test where it differs, "
            "or tighten the tolerance" for name in MUTANTS if name in names - caught]


_POINT_MUTANTS = {"negated": lambda x: -x, "doubled": lambda x: 2 * x, "halved": lambda x: x / 2,
                  "zeroed": np.zeros_like}


def _point_mutants(problem: Problem, grader: Grader, cases: list[Case], expected) -> list[str]:
    """For minimize: the reference point mutated must not pass as a minimum on some test."""
    jobs, keys = [], []
    for name, mutate in _POINT_MUTANTS.items():
        for case, answers in zip(cases, expected):
            point = mutate(answers[0].value)
            if np.allclose(point, answers[0].value, atol=case.tolerance.x_atol):
                continue
            jobs.append(objective_job(problem, case, point, answers[0].value))
            keys.append((name, case, point, answers[0].value))
    outcomes = grader.runner.map(jobs) if jobs else []
    caught, seen = set(), set()
    problems = []
    for (name, case, point, ref), out in zip(keys, outcomes):
        seen.add(name)
        if out.status is not Status.OK or "f_reference" in out.probe_errors:
            problems.append(f"the objective failed: {outcome_failure(out)}")
            continue
        if "f_student" in out.probe_errors or "grad_student" in out.probe_errors:
            caught.add(name)                  # f is undefined there: a student would get WA
            continue
        m = judge_minimum(problem.answer, case.tolerance, point, scalar(out.values["f_student"]),
                          np.asarray(out.values["grad_student"]), ref, scalar(out.values["f_reference"]), False)
        if not m.passed:
            caught.add(name)
    problems += [f"the reference point {name} would pass as a minimum on every test: tighten "
                 "f_atol/grad_norm" for name in sorted(seen - caught)]
    return sorted(set(problems))


def _finite_differences(problem: Problem, grader: Grader, cases: list[Case],
                        expected: list[list[Named]]) -> list[str]:
    spec = problem.gradient_of
    if spec.at is not None:
        answers = expected[0] if _same_inputs(cases[0], spec.at) else _answers_at(problem, grader, spec.at)
        points = [(None, spec.at, answers)]
    else:
        points = [(case, dict(case.inputs), answers) for case, answers in zip(cases, expected)]
    jobs = [fd_job(spec.f, values, spec.answers) for _, values, _ in points]
    out = []
    for (case, values, answers), outcome in zip(points, grader.runner.map(jobs)):
        label = f"test {case.name}" if case else f"at {values}"
        if outcome.status is not Status.OK or "fd" not in outcome.values:
            out.append(f"gradient_of.f could not be evaluated {label}: {outcome_failure(outcome)}")
            continue
        grads = outcome.values["fd"]
        numeric = np.concatenate([np.ravel(g) for g in (grads if isinstance(grads, tuple) else (grads,))])
        analytic = np.concatenate([np.ravel(a.value) for a in _gradients(problem, answers)])
        tol = case.tolerance if case else problem.tolerance
        if numeric.size != analytic.size:
            out.append(f"{label}: finite differences give {numeric.size} numbers for {list(spec.answers)}, "
                       f"the reference answers {analytic.size}: check gradient_of.answers")
        elif not compare(analytic, numeric, tol).ok:
            out.append(f"{label}: finite differences of gradient_of.f give {_show(numeric)}, the reference "
                       f"{_show(analytic)}: the reference (or f) is wrong")
    return out


def _gradients(problem: Problem, answers: list[Named]) -> list[Named]:
    """The answers finite differences can check: for `variables`, the ones read as `grad` (a
    problem may also read values, such as the loss itself)."""
    if problem.answer.kind != "variables":
        return answers
    return [a for a in answers if a.name.endswith(".grad")]


def _same_inputs(case: Case, at: dict) -> bool:
    return not case.inputs or all(k in at and np.array_equal(np.asarray(at[k], dtype=np.float64), v)
                                  for k, v in case.inputs.items())


def _answers_at(problem: Problem, grader: Grader, at: dict) -> list[Named]:
    case = Case(name="gradient_of.at", public=True, points=0.0,
                inputs={k: np.asarray(v, dtype=np.float64) for k, v in at.items()}, tolerance=problem.tolerance)
    return grader.store.answers(problem, [case])[0]
