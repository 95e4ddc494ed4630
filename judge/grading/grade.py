"""The grading pipeline: cases -> expected answers -> sandbox runs -> per-test verdicts -> report.

Runs are batched so a sandbox pool can spread them over cores: every case of every submission
in a batch goes out in one `map`. Two kinds of answer need a second, trusted run after the
student's: `minimize` (the objective at the student's point) and custom checkers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from judge.expected import ExpectedStore, ReferenceFailure
from judge.grading.compare import compare
from judge.grading.diagnose import diagnose
from judge.grading.minimize import judge_minimum, scalar
from judge.grading.runs import (AnswerError, Named, align_returned, build_job, checker_job, checker_score,
                                describe_values, limits_for, objective_job, outcome_failure,
                                read_answers, safe_exception_name)
from judge.grading.verdict import Report, TestResult, overall, whole
from judge.problem.cases import expand_cases
from judge.problem.schema import Case, Problem
from judge.runner import Runner
from sandbox.job import Job, Outcome, Status


@dataclass(frozen=True)
class Submission:
    source: str
    filename: str = "submission.py"
    student: str | None = None          # varies the seed of `per_student` tests


@dataclass
class _Pending:
    """A test waiting for a trusted follow-up run (objective or checker)."""

    result: TestResult
    job: Job
    finish: Callable[[Outcome, TestResult], None]


class Grader:
    def __init__(self, runner: Runner, store: ExpectedStore | None = None):
        self.runner = runner
        self.store = store or ExpectedStore(runner)

    def grade(self, problem: Problem, submission: Submission) -> Report:
        return self.grade_many(problem, [submission])[0]

    def grade_many(self, problem: Problem, submissions: Sequence[Submission],
                   on_done: Callable[[int], None] = lambda n: None, batch: int = 16) -> list[Report]:
        reports: list[Report] = []
        for start in range(0, len(submissions), batch):
            chunk = submissions[start:start + batch]
            try:
                reports.extend(self._grade_batch(problem, chunk))
            except Exception as exc:    # the sandbox itself failed: IE is the verdict for that
                reports.extend(whole(problem.id, "IE", _internal(exc), problem.points) for _ in chunk)
            on_done(len(chunk))
        return reports

    def _grade_batch(self, problem: Problem, chunk: Sequence[Submission]) -> list[Report]:
        plans = []
        for sub in chunk:
            cases = expand_cases(problem, sub.student)
            try:
                expected = self.store.answers(problem, cases)
            except ReferenceFailure as exc:
                plans.append((sub, cases, None, exc.brief))
                continue
            plans.append((sub, cases, expected, ""))
        jobs = [build_job(problem, case, sub.source, filename=sub.filename)
                for sub, cases, expected, _ in plans if expected is not None for case in cases]
        outcomes = iter(self.runner.map(jobs) if jobs else [])
        reports, pending = [], []
        for sub, cases, expected, failure in plans:
            if expected is None:
                reports.append(whole(problem.id, "IE", f"the problem is broken, tell the instructor: {failure}",
                                     problem.points))
                continue
            outs = [next(outcomes) for _ in cases]
            try:
                report = self._decide(problem, cases, outs, expected, pending)
            except Exception as exc:  # noqa: BLE001 - a judge bug must cost this submission only
                report = whole(problem.id, "IE", _internal(exc), problem.points)
            reports.append(report)
        if pending:
            for item, outcome in zip(pending, self.runner.map([p.job for p in pending])):
                try:
                    item.finish(outcome, item.result)
                except Exception as exc:  # noqa: BLE001 - as above, for this test only
                    _fail(item.result, "IE", _internal(exc))
        for report in reports:
            if report.tests:
                fixed = overall(problem.id, report.tests, problem.points)
                report.verdict, report.score = fixed.verdict, fixed.score
        return reports

    def _decide(self, problem: Problem, cases: Sequence[Case], outs: Sequence[Outcome],
                expected: Sequence[list[Named]], pending: list[_Pending]) -> Report:
        compile_errors = [o for o in outs if o.status is Status.CE]
        if compile_errors and len(compile_errors) == len(outs):
            # A real compile error happens before anything runs, on every test alike. The text
            # shown comes from a public test (a hidden one could be forged to quote its inputs).
            public = [o for o, case in zip(outs, cases) if case.public]
            texts = {o.error for o in outs}
            text = (public[0].error if public else
                    outs[0].error if len(texts) == 1 else "the program does not compile")
            report = whole(problem.id, "CE", text.strip(), problem.points)
        else:
            tests = [self._test(problem, case, out, exp, pending)
                     for case, out, exp in zip(cases, outs, expected)]
            report = overall(problem.id, tests, problem.points)
        report.isolation = sorted({layer for o in outs for layer in o.layers})
        report.notices = sorted({n for o in outs for n in o.notices})
        return report

    def _test(self, problem: Problem, case: Case, out: Outcome, expected: list[Named],
              pending: list[_Pending]) -> TestResult:
        result = TestResult(name=case.name, verdict="AC", score=case.points, max_score=case.points,
                            time_ms=out.time_ms, memory_kib=out.memory_kib, public=case.public)
        if not case.public:  # the program knows the inputs: time and memory tell them coarsely
            result.time_ms = _coarse(out.time_ms, 100.0)
            result.memory_kib = int(_coarse(out.memory_kib, 16384))
        if out.status is Status.SV and out.error.startswith("result channel over"):
            return _fail(result, "WA", "the answer is far larger than the expected one "
                                       f"({describe_values(expected)})")
        if out.status is Status.CE:  # the program ran on other tests: it reported CE itself
            return _fail(result, "SV", "sandbox rule violated: malformed result channel (a compile "
                                       "error reported by a program that ran)")
        if out.status is not Status.OK:
            return _fail(result, out.status.value, _status_message(problem, case, out))
        try:
            got = read_answers(problem, out)
            if problem.answer.kind == "function":
                got = align_returned(got, expected, hidden=not case.public)
        except AnswerError as exc:
            return _fail(result, exc.verdict, str(exc) if case.public else exc.hidden)
        if problem.answer.kind == "minimize":
            x_s, x_r = _as_point(got[0]), expected[0].value
            if x_s is None or x_s.shape != x_r.shape:
                got_text = _describe(got[0]) if case.public else "another shape"
                return _fail(result, "WA", f"{got[0].name}: expected one point of shape "
                                           f"{tuple(x_r.shape)}, got {got_text}")
            pending.append(_Pending(result, objective_job(problem, case, x_s, x_r),
                                    lambda o, r: _finish_minimum(problem, case, x_s, x_r, o, r)))
            return result
        if problem.answer.checker:
            pending.append(_Pending(result, checker_job(problem, case, got, expected),
                                    lambda o, r: _finish_checker(o, r)))
            return result
        return _compare_all(problem, result, case, got, expected)


def _fail(result: TestResult, verdict: str, message: str) -> TestResult:
    result.verdict, result.score, result.message = verdict, 0.0, message
    return result


def _coarse(value: float, step: float) -> float:
    """`value` rounded up to a multiple of `step`, for hidden tests."""
    return float(-(-value // step) * step)


def _internal(exc: Exception) -> str:
    return f"internal error, tell the course staff: {type(exc).__name__}: {exc}"


def _describe(answer: Named) -> str:
    if isinstance(answer.value, tuple):
        return f"a list or tuple of {_values(len(answer.value))}"
    return describe_values([answer])


def _as_point(answer: Named) -> np.ndarray | None:
    """The student's point: one array, or a list/tuple of numbers (`p = [x, y]`) made one."""
    value = answer.value
    if not isinstance(value, tuple):
        return value
    if all(v.ndim == 0 for v in value):
        return np.array([float(v) for v in value])
    return None


def _status_message(problem: Problem, case: Case, out: Outcome) -> str:
    status = out.status
    if status is Status.TLE:
        limits = limits_for(problem)
        if not case.public:  # the times measured could carry the inputs out
            return f"time limit exceeded ({problem.time_s:g}s of CPU time)"
        if out.cpu_ms >= 0.9 * limits.cpu_time_s * 1000:
            return (f"CPU time limit exceeded: {out.cpu_ms / 1000:.2f}s of CPU time used, the limit is "
                    f"{problem.time_s:g}s")
        if out.time_ms < 0.9 * limits.wall_time_s * 1000:      # the sandbox did not say which
            return (f"time limit exceeded ({problem.time_s:g}s of CPU time, {limits.wall_time_s:g}s of real "
                    "time)")
        return (f"wall-clock time limit exceeded: {out.time_ms / 1000:.2f}s of real time (limit "
                f"{limits.wall_time_s:g}s, twice the {problem.time_s:g}s CPU limit plus 1s) with "
                f"{out.cpu_ms / 1000:.2f}s of CPU time: the program was waiting (input(), sleep) or the "
                "machine is busy")
    if status is Status.MLE:
        return f"memory limit exceeded ({problem.memory_mib} MiB)"
    if status is Status.OLE:
        return "output limit exceeded: print less"
    if status is Status.RE:
        return out.error.strip() if case.public else _error_summary(out.error)
    if status is Status.SV:
        error = out.error.strip()
        if not case.public and error.startswith("malformed result channel"):
            error = "malformed result channel"  # the rest quotes what the program sent
        return f"sandbox rule violated: {error}"
    return f"internal error in the sandbox: {out.error.strip()}"


def _error_summary(traceback: str) -> str:
    """The exception's type, and nothing else: on a hidden test the program knows the inputs, so
    its message, its line (a padded compile() puts a frame on any line) and a made-up exception
    class could all carry them out; only built-in exception names are shown."""
    lines = traceback.strip().splitlines()
    first = lines[0] if lines else ""
    if first.startswith(("killed by SIG", "exited with status")):
        return "killed by a signal" if first.startswith("killed") else "exited with an error status"
    body = lines[1:] if first.startswith("Traceback") else lines
    header = next((line for line in body if not line.startswith(" ")), "")
    return safe_exception_name(header.split(":", 1)[0].strip())


def read_as_value(problem: Problem, name: str) -> bool:
    """A `variables` answer read as `value` (a loss, say): not a gradient."""
    return problem.answer.kind == "variables" and any(
        expr == name and what == "value" for expr, what in problem.answer.read)


def _compare_all(problem: Problem, result: TestResult, case: Case, got: list[Named],
                 expected: list[Named]) -> TestResult:
    if len(got) != len(expected):
        return _fail(result, "WA", f"expected {_values(len(expected))}, got "
                                   f"{len(got) if case.public else 'a different number'}")
    for g, e in zip(got, expected):
        if isinstance(g.value, tuple):
            return _fail(result, "WA", f"{g.name}: expected one tensor of shape "
                                       f"{tuple(e.value.shape)}, got "
                                       f"{_describe(g) if case.public else 'a list or tuple'}")
    problems = []
    for g, e in zip(got, expected):
        verdict = compare(g.value, e.value, case.tolerance)
        if not verdict.ok:
            problems.append(_wrong_message(g, e, verdict, case, gradient=not read_as_value(problem, g.name)))
    if not problems:
        return result
    text = "\n".join(problems)
    return _fail(result, "WA", text if case.public else f"wrong answer: {text}")


def _values(n: int) -> str:
    return f"{n} value{'s' * (n != 1)}"


def _wrong_message(g: Named, e: Named, c, case: Case, gradient: bool = True) -> str:
    hint = diagnose(g.value, e.value, case.tolerance, gradient, hidden=not case.public)
    label = "" if g.name == "output" else f"{g.name}: "
    if not case.public:
        return label + (hint or "not within tolerance")
    if c.reason == "shape":
        detail = _count_message(e.value.size, g.value.size) if g.name == "output" else hint
        return label + detail
    if c.reason == "nonfinite":
        return label + f"got {c.got} at index {list(c.index)}: {hint}"
    if e.value.size == 1:
        detail = f"expected {_num(c.expected)}, got {_num(c.got)}"
    else:
        error = f"relative error {c.rel_error:.2g}" if c.expected else f"error {c.error:.2g}"
        detail = (f"worst entry {list(c.index)}: expected {_num(c.expected)}, got {_num(c.got)} "
                  f"({error}, shape {tuple(e.value.shape)})")
    return label + detail + (f": {hint}" if hint else "")


def _count_message(expected: int, got: int) -> str:
    return f"expected {expected} number{'s' * (expected != 1)}, the program printed {got}"


def _num(x: float) -> str:
    return f"{x:.10g}" if abs(x - round(x)) > 0 or abs(x) >= 1e16 else f"{x:.1f}"


def _finish_minimum(problem: Problem, case: Case, x_s: np.ndarray, x_r: np.ndarray,
                    out: Outcome, result: TestResult) -> None:
    if out.status is not Status.OK or out.probe_errors:
        _fail(result, "WA" if "f_student" in out.probe_errors else "IE",
              f"the objective could not be evaluated at your point: {outcome_failure(out)}")
        return
    m = judge_minimum(problem.answer, case.tolerance, x_s, scalar(out.values["f_student"]),
                      np.asarray(out.values["grad_student"], dtype=np.float64), x_r,
                      scalar(out.values["f_reference"]), case.public)
    result.score = result.max_score * m.fraction
    result.verdict = "AC" if m.passed else ("PA" if result.score > 0 else "WA")
    result.message = m.message


def _finish_checker(out: Outcome, result: TestResult) -> None:
    fraction = checker_score(out)
    if fraction is None:
        _fail(result, "IE", f"the problem's checker failed, tell the instructor: {outcome_failure(out)}")
        return
    result.score = result.max_score * fraction
    result.verdict = "AC" if fraction >= 1.0 else ("PA" if fraction > 0 else "WA")
    result.message = out.stdout.strip().splitlines()[0][:300] if out.stdout.strip() else ""
