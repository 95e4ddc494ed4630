"""`judge check`: prove a problem right before any student sees it (like Kattis verifyproblem).

Checks, in order, each reported with what to fix:
  schema       the file loads (file:line: field: what was expected)
  reference    the reference, graded like a student's float32 submission, is AC on every test
  float32      the reference's float32 answers sit within tolerance/10 of its float64 ones
  fd           central finite differences of `gradient_of.f` agree with the reference's gradient,
               at `at` and at every test's inputs `f` can take
  literals     every `expected:` written in the YAML equals the reference's answer
  wrong        every listed wrong solution is rejected (not AC), and not merely for failing to compile
  mutants      the reference's answer negated, doubled (= accumulated twice), halved, zeroed and
               transposed is rejected by at least one test (the numbers are mutated in the judge;
               only a custom checker, or for `minimize` the objective, runs on them), unless the
               problem allows that mutant (`mutants: {negated: allowed}`)
Warnings do not fail a problem: a wrong solution rejected only by runtime errors; nothing
independent of the reference (no `gradient_of`, no `expected` literal) checking it.
"""
from __future__ import annotations

import re
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
    warning: bool = False           # worth the author's attention, but the problem still passes


@dataclass
class ProblemCheck:
    target: str
    findings: list[Finding] = field(default_factory=list)
    details: list[str] = field(default_factory=list)   # what passed and how (`judge check -v`)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.warning]

    def add(self, check: str, problems: Sequence[str], passed: str = "") -> None:
        if problems:
            self.findings.extend(Finding(check, False, p) for p in dict.fromkeys(problems))   # each once
        else:
            self.findings.append(Finding(check, True, passed))

    def warn(self, check: str, detail: str) -> None:
        self.findings.append(Finding(check, True, detail, warning=True))


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
    except ProblemError as exc:
        result.add("schema", [str(e) for e in exc.errors])
        return result
    except OSError as exc:
        result.add("schema", [str(exc)])
        return result
    result.add("schema", [])
    try:
        check_problem(problem, grader, result)
    except _AtLacksInput as exc:
        line = f":{problem.gradient_of.line}" if problem.gradient_of.line else ""
        result.add("fd", [f"{problem.path}{line}: {exc}"])
    except ReferenceFailure as exc:
        fix = "fix the reference solution" + (" (or the test's inputs)" if exc.case.inputs else "")
        result.add("reference", [f"{exc}; {fix}"])
    except Exception as exc:    # one broken problem must not hide the report on the others
        result.add("internal", [f"checking stopped: {type(exc).__name__}: {exc}"])
    return result


def check_problem(problem: Problem, grader: Grader, result: ProblemCheck) -> None:
    cases = expand_cases(problem, student="judge-check")
    expected = grader.store.answers(problem, cases)
    # The reference graded as a student's float32 submission, and the wrong solutions, in one batch.
    runs = [Submission(problem.reference, "reference.py", "judge-check")]
    runs += [Submission(w.code, "wrong.py", "judge-check") for w in problem.wrong]
    # Graded with every test public: the author sees expected against got on hidden tests too.
    author_view = replace(problem, tests=tuple(replace(t, public=True) for t in problem.tests))
    report, *wrong_reports = grader.grade_many(author_view, runs)
    noise = _float32_noise(problem, grader, cases, expected) if problem.answer.kind != "minimize" else []
    failures = _reference_failures(problem, report)
    if noise and failures and all(t.verdict in ("AC", "WA") for t in report.tests):
        failures = [f"{failures[0]}: float32 rounding of the reference itself, see float32 below"]
    tests = len(report.tests)
    result.add("reference", failures, f"AC on {tests} test{'s' * (tests != 1)}")
    if problem.answer.kind != "minimize":
        result.add("float32", noise)
        result.add("literals", _literals(problem, cases, expected))
        result.add("mutants", _mutants(problem, grader, cases, expected, result.details))
    else:
        result.add("mutants", _point_mutants(problem, grader, cases, expected, result.details))
    if problem.gradient_of is not None:
        result.add("fd", _finite_differences(problem, grader, cases, expected, result.details))
    elif problem.answer.kind != "minimize" and all(c.expected is None for c in cases):
        result.warn("independent", "no gradient_of or expected: nothing independent checks the reference; add "
                                   "gradient_of (finite differences) or an `expected` literal to a test")
    result.add("wrong", _wrong_solutions(problem, wrong_reports, result), f"{len(problem.wrong)} rejected")


def _reference_failures(problem: Problem, report) -> list[str]:
    """The reference's own grading: one line per distinct failure, not one per test."""
    if not report.tests:
        return [f"{report.verdict}: {report.message}"]
    failing = [t for t in report.tests if t.verdict != "AC"]
    if not failing:
        return []
    first = failing[0]
    message = first.message
    if problem.answer.kind == "minimize":
        message = message.replace("your point", "the reference's point")
    line = f"test {first.name}: {first.verdict} {message}"
    if len(failing) > 1:
        line += f" (also {', '.join(sorted({t.verdict for t in failing[1:]}))} on " \
                f"{', '.join(t.name for t in failing[1:])})"
    return [line]


def _wrong_solutions(problem: Problem, reports, result: ProblemCheck) -> list[str]:
    out = []
    for w, r in zip(problem.wrong, reports):
        if r.verdict == "AC":
            out.append(f"wrong solution '{w.name}' is accepted: add a test that catches it, or tighten "
                       "the tolerance")
        elif r.verdict == "CE":
            first = (r.message.strip().splitlines() or ["?"])[-1]
            out.append(f"wrong solution '{w.name}' does not compile ({first}): it is rejected for that alone, "
                       "which proves nothing about the tests; fix its code")
        elif r.tests and all(t.verdict == "RE" for t in r.tests):
            result.warn("wrong", f"wrong solution '{w.name}' is rejected only by runtime errors (RE on every "
                                 "test): it proves nothing about the tests unless crashing is the mistake")
        else:
            caught = next((t for t in r.tests if t.verdict != "AC"), None)
            if caught is not None:
                result.details.append(f"wrong '{w.name}': {r.verdict}, first rejected by test {caught.name} "
                                      f"({caught.verdict})")
    return out


def _float32_noise(problem: Problem, grader: Grader, cases: list[Case], expected) -> list[str]:
    """One line per answer (not per test): how far float32 strays, and the tolerance that passes."""
    single = grader.store.answers(problem, cases, dtype="float32")
    failing: dict[str, list] = {}                  # answer name -> [(case, comparison, atol, rtol)]
    for case, e64, e32 in zip(cases, expected, single):
        tight = _scaled(case.tolerance, 1 / NOISE_FACTOR)
        for a, b in zip(e32, e64):
            c = compare(a.value, b.value, tight)
            if not c.ok:
                failing.setdefault(a.name, []).append((case, c) + _needed(a.value, b.value, case.tolerance))
    out = []
    for name, items in failing.items():
        case, c, _, _ = max(items, key=lambda item: item[1].error)
        tests = ", ".join(item[0].name for item in items)
        tol = case.tolerance
        where = f"{problem.path}:{tol.line}: tolerance: " if tol.line else "tolerance: "
        atol, rtol = max(item[2] for item in items), max(item[3] for item in items)
        options = [f"atol >= {_round_up(atol):g}"] if np.isfinite(atol) else []
        options += [f"rtol >= {_round_up(rtol):g}"] if np.isfinite(rtol) else []
        advice = "loosen it: " + (" or ".join(options) + " passes" if options else "no atol/rtol passes")
        if tol.mode == "elementwise":
            advice += ", or use mode: norm (tiny entries then get the scale of the largest)"
        out.append(f"{where}test{'s' * (len(items) > 1)} {tests}: {name} in float32 is off by up to {c.error:.3g} "
                   f"(over tolerance/{NOISE_FACTOR:g} = {c.bound:.3g}): {advice}")
    return out


def _needed(single: np.ndarray, double: np.ndarray, tol: Tolerance) -> tuple[float, float]:
    """The smallest atol (rtol kept) and rtol (atol kept) under which float32 noise is a tenth of it."""
    diff = np.abs(np.asarray(single, np.float64) - np.asarray(double, np.float64)) * NOISE_FACTOR
    scale = np.abs(np.asarray(double, np.float64))
    if diff.size == 0:
        return 0.0, 0.0
    if tol.mode == "elementwise":
        over = diff > np.maximum(tol.atol, tol.rtol * scale)
        atol = float(diff[over].max()) if over.any() else 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(diff > tol.atol, diff / scale, 0.0)
        return atol, float(np.max(ratio))
    worst = float(diff.max())
    top = float(scale.max())
    return worst, (worst / top if top else float("inf"))


def _round_up(x: float) -> float:
    """1, 2 or 5 times a power of ten, at least x."""
    if x <= 0:
        return 0.0
    power = 10.0 ** np.floor(np.log10(x))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= x * (1 - 1e-12))


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
    "doubled": lambda g: 2 * g,
    "halved": lambda g: g / 2,
    "zeroed": np.zeros_like,
    "transposed": lambda g: g.T,
}
_LABELS = {"doubled": "doubled (gradients accumulated twice)", "zeroed": "zeroed (detached graph)"}
_ALLOW = ("; if the problem accepts it on purpose (a custom checker), allow it: `mutants: {%s: allowed}`")


def _mutants(problem: Problem, grader: Grader, cases: list[Case], expected: list[list[Named]],
             details: list[str]) -> list[str]:
    trials = []                                # (mutant, case, mutated answers, expected answers)
    for name, mutate in MUTANTS.items():
        if problem.mutants.get(name) == "allowed":
            details.append(f"mutant {name}: allowed by `mutants:`, not checked")
            continue
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
    caught: dict[str, str] = {}
    for (name, case, *_), ok in zip(trials, accepted):
        if not ok and name not in caught:
            caught[name] = case.name
    details.extend(f"mutant {name}: rejected by test {caught[name]}" for name in MUTANTS if name in caught)
    hint = _ALLOW if problem.answer.checker else ""
    return [f"the reference's answer {_LABELS.get(name, name)} would be accepted on every test: add a test "
            "where it differs, or tighten the tolerance" + (hint % name if hint else "")
            for name in MUTANTS if name in names - set(caught)]


_POINT_MUTANTS = {"negated": lambda x: -x, "doubled": lambda x: 2 * x, "halved": lambda x: x / 2,
                  "zeroed": np.zeros_like}


def _point_mutants(problem: Problem, grader: Grader, cases: list[Case], expected,
                   details: list[str]) -> list[str]:
    """For minimize: the reference point mutated must not pass as a minimum on some test."""
    jobs, keys = [], []
    for name, mutate in _POINT_MUTANTS.items():
        if problem.mutants.get(name) == "allowed":
            details.append(f"mutant {name}: allowed by `mutants:`, not checked")
            continue
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
            if name not in caught:
                details.append(f"mutant point {name}: rejected by test {case.name}")
            caught.add(name)
    problems += [f"the reference point {name} would pass as a minimum on every test: tighten "
                 "f_atol/grad_norm" for name in sorted(seen - caught)]
    return sorted(set(problems))


def _finite_differences(problem: Problem, grader: Grader, cases: list[Case],
                        expected: list[list[Named]], details: list[str]) -> list[str]:
    """At `at` (when given) and at every test's inputs that `f` can take: a reference wrong only
    away from `at` (say for negative x) is caught where the tests go."""
    spec = problem.gradient_of
    points = []                                    # (case or None, values, answers)
    if spec.at is not None:
        answers = expected[0] if _same_inputs(cases[0], spec.at) else _answers_at(problem, grader, spec.at)
        points.append((None, spec.at, answers))
    for case, answers in zip(cases, expected):
        if spec.at is None or (case.inputs and set(spec.at) <= set(case.inputs)
                               and not _same_inputs(case, spec.at)):
            points.append((case, dict(case.inputs), answers))
    jobs = [fd_job(spec.f, values, spec.answers) for _, values, _ in points]
    failures: dict[str, list[str]] = {}            # kind of failure -> messages, the first is shown
    for (case, values, answers), outcome in zip(points, grader.runner.map(jobs)):
        label = f"test {case.name}" if case else "gradient_of.at"
        if outcome.status is not Status.OK or "fd" not in outcome.values:
            failures.setdefault("eval", []).append(
                f"gradient_of.f could not be evaluated at {label}: {outcome_failure(outcome)}")
            continue
        grads = outcome.values["fd"]
        numeric = np.concatenate([np.ravel(g) for g in (grads if isinstance(grads, tuple) else (grads,))])
        analytic = np.concatenate([np.ravel(a.value) for a in _gradients(problem, answers)])
        tol = case.tolerance if case else problem.tolerance
        if numeric.size != analytic.size:
            failures.setdefault("size", []).append(
                f"{label}: finite differences give {numeric.size} numbers for {list(spec.answers)}, "
                f"the reference answers {analytic.size}: check gradient_of.answers")
        elif not compare(analytic, numeric, tol).ok:
            failures.setdefault("value", []).append(
                f"{label}: finite differences of gradient_of.f give {_show(numeric)}, the reference "
                f"{_show(analytic)}: the reference (or f) is wrong")
    details.append(f"fd: checked at {len(points)} point{'s' * (len(points) != 1)}")
    out = []
    for messages in failures.values():
        more = f" (and at {len(messages) - 1} more point{'s' * (len(messages) > 2)})" if len(messages) > 1 else ""
        out.append(messages[0] + more)
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
    """The reference's answers with `at` as its inputs."""
    case = Case(name="gradient_of.at", public=True, points=0.0,
                inputs={k: np.asarray(v, dtype=np.float64) for k, v in at.items()}, tolerance=problem.tolerance)
    try:
        return grader.store.answers(problem, [case])[0]
    except ReferenceFailure as exc:
        missing = re.search(r"KeyError: '([^']+)'", str(exc))
        if missing and missing.group(1) not in at:
            raise _AtLacksInput(f"gradient_of.at: lacks input '{missing.group(1)}'; the reference runs with `at` "
                                "as its inputs, so `at` must give every input the reference reads (and f "
                                "must take them all)") from None
        raise


class _AtLacksInput(Exception):
    pass
