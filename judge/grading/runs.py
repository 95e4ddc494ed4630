"""Per answer kind: the sandbox job that runs a program on a case, and how to read its answer.

The same job shape serves the student (float32, PyTorch's default) and the reference (float64),
so both are read back the same way. Probes are expressions evaluated in the child after the
program ran; only their numbers come back.
"""
from __future__ import annotations

import builtins

from dataclasses import dataclass

import numpy as np

from judge.grading.stdout_parse import OutputError, parse_numbers
from judge.problem.schema import Answer, Case, Problem
from sandbox.job import Job, Limits, Outcome, Probe, Status

_TORCH = "__import__('torch')"
STUDENT_POINT, REFERENCE_POINT = "_student_point", "_reference_point"


@dataclass(frozen=True)
class Named:
    """One answer: a display name ("a.grad", "output", "grad_f(x)[1]") and its values."""

    name: str
    value: np.ndarray


class AnswerError(Exception):
    """The program ran but its answer cannot be read; `verdict` is WA or RE. `hidden` is the
    message for hidden tests: it leaves out anything the program printed or raised, which
    could carry the hidden inputs out."""

    def __init__(self, verdict: str, message: str, hidden: str | None = None):
        super().__init__(message)
        self.verdict = verdict
        self.hidden = message if hidden is None else hidden


def limits_for(problem: Problem) -> Limits:
    # `time` is CPU time; wall time gets slack so a busy grading machine does not cause TLEs.
    return Limits(wall_time_s=2 * problem.time_s + 1, cpu_time_s=problem.time_s, memory_mib=problem.memory_mib)


def build_job(problem: Problem, case: Case, source: str, *, dtype: str = "float32",
              filename: str = "submission.py") -> Job:
    return Job(source=source, filename=filename, stdin=case.stdin, probes=_probes(problem.answer),
               inputs=dict(case.inputs), default_dtype=dtype, limits=limits_for(problem))


def _probes(answer: Answer) -> tuple[Probe, ...]:
    if answer.kind == "variables":
        return tuple(Probe(name, _read_expr(name, what)) for name, what in answer.read)
    if answer.kind == "function":
        return (Probe("return", call_expr(answer)),)
    if answer.kind == "minimize" and answer.point:
        return (Probe("point", answer.point),)
    return ()


def _read_expr(expr: str, what: str) -> str:
    """`a: grad` and `a.grad: grad` both read a's gradient; `value` reads the tensor itself."""
    return expr + ".grad" if what == "grad" and not expr.endswith(".grad") else expr


def call_expr(answer: Answer) -> str:
    def arg(name: str) -> str:
        if answer.arg_type == "tensor":     # tolist(): the tensor gets the run's default dtype
            return f"{_TORCH}.tensor(inputs[{name!r}].tolist())"
        if answer.arg_type == "float":
            return f"float(inputs[{name!r}])"
        return f"inputs[{name!r}].copy()"
    return f"{_AS_VALUES}({answer.name}({', '.join(arg(a) for a in answer.args)}))"


# A returned tuple/list comes back as that many values whatever its items are: plain numbers are
# made numpy scalars, because the sandbox reads a tuple holding no tensor/array as one vector, so
# `return x.grad.item(), y.grad.item()` and `return x.grad, y.grad` would otherwise differ.
_AS_VALUES = ("(lambda _r: tuple(__import__('numpy').float64(_v) if type(_v) in (int, float) else _v "
              "for _v in _r) if type(_r) in (list, tuple) and len(_r) > 0 else _r)")


def align_returned(got: list[Named], expected: list[Named], hidden: bool = False) -> list[Named]:
    """A function's return value read the way the reference's is: a tuple of as many items as the
    reference returns is that many answers; a list of numbers where the reference returns one
    vector is that vector; one vector where the reference returns a tuple of numbers is split.
    Anything else is WA saying what came back (never a value: this runs on hidden tests too)."""
    if len(got) == len(expected):
        return got
    if len(expected) == 1 and len(got) > 1 and len({g.value.shape for g in got}) == 1:
        return [Named(expected[0].name, np.stack([g.value for g in got]))]
    if len(got) == 1 and len(expected) > 1:
        value = got[0].value
        if value.ndim >= 1 and value.shape[0] == len(expected) and all(
                value[i].shape == e.value.shape for i, e in enumerate(expected)):
            return [Named(e.name, value[i]) for i, e in enumerate(expected)]
    label = expected[0].name.split("[")[0] if expected else "the function"
    expected_text = describe_values(expected)
    raise AnswerError("WA", f"{label} returned {describe_values(got)}; expected {expected_text}"
                            + (" (return them separately: `return a, b`)" if len(expected) > 1 else ""),
                      f"{label} returned another number or shape of values; expected {expected_text}")


def describe_values(values: list[Named]) -> str:
    def shape(v: np.ndarray) -> str:
        return "a number" if v.ndim == 0 else f"shape {tuple(v.shape)}"
    if len(values) == 1:
        v = values[0].value
        return "one number" if v.ndim == 0 else f"one value of shape {tuple(v.shape)}"
    shapes = {v.value.shape for v in values}
    if shapes == {()}:
        return f"a tuple of {len(values)} numbers"
    return f"a tuple of {len(values)} values ({', '.join(shape(v.value) for v in values)})"


def read_answers(problem: Problem, outcome: Outcome) -> list[Named]:
    """The answer(s) of a run that ended OK, or AnswerError saying what is missing."""
    answer = problem.answer
    if answer.kind == "stdout" or (answer.kind == "minimize" and not answer.point):
        mode = answer.parse if answer.kind == "stdout" else "strict"
        try:
            return [Named("output", parse_numbers(outcome.stdout, mode))]
        except OutputError as exc:
            raise AnswerError("WA", f"could not read the output: {exc}",
                              "could not read the output: print only the numbers asked for") from None
    if answer.kind == "variables":
        return [Named(_read_expr(name, what), _value(outcome, name, _read_expr(name, what)))
                for name, what in answer.read]
    if answer.kind == "function":
        label = f"{answer.name}({', '.join(answer.args)})"
        value = _value(outcome, "return", label)
        if isinstance(value, tuple):
            return [Named(f"{label}[{i}]", v) for i, v in enumerate(value)]
        return [Named(label, value)]
    return [Named(answer.point, _value(outcome, "point", answer.point))]


def _value(outcome: Outcome, probe: str, expr: str):
    """The probe's numbers; `expr` is how the student would write it, for messages."""
    if probe in outcome.values:
        value = outcome.values[probe]
        return tuple(np.asarray(v, dtype=np.float64) for v in value) if isinstance(value, tuple) \
            else np.asarray(value, dtype=np.float64)
    error = outcome.probe_errors.get(probe, "no value came back")
    if "NoneType" in error and expr.endswith(".grad"):
        raise AnswerError("WA", f"{expr} is None: did you call backward()? is requires_grad=True on "
                                f"{expr[:-len('.grad')]}?")
    name = expr.split("(")[0]
    if error.startswith("NameError"):
        raise AnswerError("WA", f"{name}: {error.splitlines()[0]} "
                                "(the program must leave it defined at the end)",
                          f"{name} is not defined at the end of the program")
    verdict = "RE" if probe == "return" else "WA"
    kind = safe_exception_name(error.split(":", 1)[0].strip())
    raise AnswerError(verdict, f"{expr}: {error}", f"{name} raised {kind}")


_BUILTIN_EXCEPTIONS = frozenset(
    n for n, v in vars(builtins).items() if isinstance(v, type) and issubclass(v, BaseException))


def safe_exception_name(name: str) -> str:
    """An exception's name fit for a hidden test's message: a program can make up exception
    classes whose names carry the hidden inputs, so only built-in ones are named."""
    return name if name in _BUILTIN_EXCEPTIONS else "an exception"


def objective_job(problem: Problem, case: Case, student_point: np.ndarray,
                  reference_point: np.ndarray) -> Job:
    """f and its gradient at both points, by the engine's autograd, in float64 (trusted code)."""
    def tensor(key: str, grad: bool) -> str:
        return f"{_TORCH}.tensor(inputs[{key!r}].tolist(), requires_grad={grad})"
    probes = (
        Probe("f_student", f"f({tensor(STUDENT_POINT, False)})"),
        Probe("grad_student", f"(lambda t: (f(t).backward(), t.grad)[1])({tensor(STUDENT_POINT, True)})"),
        Probe("f_reference", f"f({tensor(REFERENCE_POINT, False)})"),
    )
    inputs = dict(case.inputs)
    inputs[STUDENT_POINT] = np.asarray(student_point, dtype=np.float64)
    inputs[REFERENCE_POINT] = np.asarray(reference_point, dtype=np.float64)
    return Job(source=problem.answer.objective, filename="objective.py", probes=probes, inputs=inputs,
               default_dtype="float64", limits=limits_for(problem))


def checker_job(problem: Problem, case: Case, got: list[Named], expected: list[Named]) -> Job:
    """The author's `check(got, expected, inputs)` on one case's numbers (trusted code, float64)."""
    inputs = {f"_got{i}": g.value for i, g in enumerate(got)}
    inputs.update({f"_expected{i}": e.value for i, e in enumerate(expected)})
    names = ", ".join(f"{k!r}: inputs[{k!r}]" for k in case.inputs)
    inputs.update(case.inputs)
    call = (f"check([{', '.join(f'inputs[{k!r}]' for k in inputs if k.startswith('_got'))}], "
            f"[{', '.join(f'inputs[{k!r}]' for k in inputs if k.startswith('_expected'))}], {{{names}}})")
    return Job(source=problem.answer.checker, filename="checker.py", probes=(Probe("score", call),),
               inputs=inputs, default_dtype="float64")


def checker_score(outcome: Outcome) -> float | None:
    """The checker's score clipped to [0, 1], or None when it did not return one number."""
    value = outcome.values.get("score")
    if outcome.status is not Status.OK or value is None or isinstance(value, tuple) or np.size(value) != 1:
        return None
    return min(max(float(np.asarray(value).ravel()[0]), 0.0), 1.0)


def outcome_failure(outcome: Outcome) -> str:
    """Why a trusted run (reference, objective, checker) did not give numbers, for authors."""
    if outcome.status is not Status.OK:
        return f"{outcome.status.value}: {outcome.error.strip() or outcome.stderr.strip()}"
    return "; ".join(f"{k}: {v}" for k, v in outcome.probe_errors.items())
