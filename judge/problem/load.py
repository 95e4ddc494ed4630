"""YAML problem file -> `Problem`, with errors that name file, line and field.

YAML is composed into nodes (not constructed) so every value keeps its line number; each
field is then checked by hand. Unknown fields are errors with a did-you-mean, because a
misspelt optional field (`tolerence:`) would otherwise be silently ignored.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Callable

import numpy as np
import yaml

from judge.problem.schema import (ANSWER_KINDS, TOLERANCE_MODES, Answer, GenerateSpec, GradientOf,
                                  Problem, ProblemError, TestSpec, Tolerance, Wrong)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
GENERATORS = ("uniform", "normal", "integers")


class _Loader(yaml.SafeLoader):
    """YAML 1.1 reads `1e-5` (no dot) as text; authors mean a number, as YAML 1.2 does."""


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$"),
    list("-+0123456789."))


def load_problem(path: str | Path) -> Problem:
    """Read and validate one problem file; raises ProblemError or FileNotFoundError."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    return parse_problem(text, str(path), expected_id=path.stem)


def parse_problem(text: str, where: str = "<problem>", expected_id: str | None = None) -> Problem:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ProblemError(where, line, "", f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if root is None:
        raise ProblemError(where, None, "", "the file is empty; start from `judge new ID`")
    top = _Map(root, "", where)
    problem = _problem(top, where)
    if expected_id is not None and problem.id != expected_id:
        raise ProblemError(where, top.line_of("id"), "id",
                           f"'{problem.id}' must equal the file name '{expected_id}'")
    return problem


class _Map:
    """A YAML mapping node being validated: typed getters, then `done()` rejects leftovers."""

    def __init__(self, node: yaml.Node, path: str, where: str):
        self.where, self.path = where, path
        if not isinstance(node, yaml.MappingNode):
            raise ProblemError(where, node.start_mark.line + 1, path or "(top level)",
                               f"expected a mapping of fields, got {_describe(node)}")
        self.line = node.start_mark.line + 1
        self.items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = str(_plain(key))
            if name in self.items:
                raise ProblemError(where, key.start_mark.line + 1, self._field(name), "given twice")
            self.items[name] = (key, value)
        self.used: set[str] = set()

    def _field(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def line_of(self, name: str) -> int:
        return self.items[name][1].start_mark.line + 1 if name in self.items else self.line

    def error(self, name: str, message: str) -> ProblemError:
        return ProblemError(self.where, self.line_of(name), self._field(name), message)

    def has(self, name: str) -> bool:
        return name in self.items

    def node(self, name: str) -> yaml.Node | None:
        self.used.add(name)
        return self.items[name][1] if name in self.items else None

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = ...,
            check: Callable[[Any], str | None] | None = None) -> Any:
        """The field's value, checked for type (and by `check`); `...` as default means required."""
        node = self.node(name)
        if node is None:
            if default is ...:
                raise ProblemError(self.where, self.line, self._field(name), "required field is missing")
            return default
        value = _plain(node)
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            wanted = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            raise self.error(name, f"expected {wanted}, got {_describe(node)}")
        problem = check(value) if check else None
        if problem:
            raise self.error(name, problem)
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: Any = ...) -> str:
        value = self.get(name, str, default)
        if value not in choices:
            raise self.error(name, f"expected one of {', '.join(choices)}; got '{value}'")
        return value

    def sub(self, name: str) -> "_Map | None":
        node = self.node(name)
        return None if node is None else _Map(node, self._field(name), self.where)

    def done(self) -> None:
        for name, (key, _) in self.items.items():
            if name in self.used:
                continue
            if name in self._known():
                message = "does not apply to this answer kind; remove it or change answer.kind"
            else:
                close = difflib.get_close_matches(name, sorted(self.used | self._known()), n=1)
                message = "unknown field" + (f"; did you mean '{close[0]}'?" if close else "")
            raise ProblemError(self.where, key.start_mark.line + 1, self._field(name), message)

    def _known(self) -> set[str]:
        return _KNOWN.get(self.path.split(".")[-1].split("[")[0], set())


_TYPE_NAMES = {str: "text", float: "a number", int: "an integer", bool: "true or false",
               list: "a list", dict: "a mapping"}
# Fields per section, for did-you-mean on fields that were never asked for (optional ones).
_KNOWN = {
    "": {"id", "title", "points", "tags", "statement", "limits", "answer", "tolerance", "reference",
         "wrong", "gradient_of", "tests"},
    "answer": {"kind", "parse", "read", "name", "args", "arg_type", "point", "objective", "minimizer",
               "partial", "checker"},
    "tolerance": {"atol", "rtol", "mode", "f_atol", "f_rtol", "grad_norm", "x_atol"},
    "limits": {"time", "memory"},
    "gradient_of": {"f", "at", "answers"},
    "tests": {"name", "public", "points", "inputs", "stdin", "expected", "generate", "tolerance"},
    "generate": {"count", "seed", "per_student", "inputs"},
}


def _plain(node: yaml.Node) -> Any:
    # A fresh constructor each time: it caches every node it builds, and loads run in threads.
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = _plain(node)
    return f"{type(value).__name__} {value!r}" if value is not None else "nothing (null)"


def _problem(top: _Map, where: str) -> Problem:
    pid = top.get("id", str, check=lambda v: None if ID_RE.match(v) else
                  "use lowercase letters, digits and '-' (e.g. autograd-practice-1)")
    title = top.get("title", str)
    statement = top.get("statement", str)
    statements = {}
    for name in top.items:
        if name.startswith("statement_"):
            statements[name[len("statement_"):]] = top.get(name, str)
    points = top.get("points", float, 100.0, check=lambda v: None if v > 0 else "must be positive")
    tags = tuple(str(t) for t in top.get("tags", list, []))
    time_s, memory_mib = _limits(top.sub("limits"))
    answer = _answer(top.sub("answer") or _missing(top, "answer"))
    tolerance = _tolerance(top.sub("tolerance"), Tolerance())
    reference = top.get("reference", str)
    wrong = _wrong(top)
    gradient_of = _gradient_of(top.sub("gradient_of"), answer)
    tests = _tests(top, tolerance, answer, points)
    top.done()
    return Problem(id=pid, title=title, statement=statement, statements=statements, points=points,
                   tags=tags, time_s=time_s, memory_mib=memory_mib, answer=answer,
                   tolerance=tolerance, reference=reference, wrong=wrong, gradient_of=gradient_of,
                   tests=tests, path=where)


def _missing(m: _Map, name: str):
    raise ProblemError(m.where, m.line, name, "required field is missing")


_TIME_UNITS = {"ms": 1e-3, "s": 1.0, "": 1.0}
_MEMORY_UNITS = {"kib": 1 / 1024, "mib": 1, "gib": 1024, "kb": 1 / 1024, "mb": 1, "gb": 1024, "": 1}


def _quantity(m: _Map, name: str, units: dict[str, float], default: float, example: str) -> float:
    value = m.get(name, (str, float), float(default))
    if isinstance(value, float):
        return value
    match = re.fullmatch(r"\s*([0-9.]+)\s*([a-zA-Z]*)\s*", value)
    if not match or match.group(2).lower() not in units:
        raise m.error(name, f"expected a quantity like {example}; got '{value}'")
    return float(match.group(1)) * units[match.group(2).lower()]


def _limits(m: _Map | None) -> tuple[float, int]:
    if m is None:
        return 2.0, 256
    time_s = _quantity(m, "time", _TIME_UNITS, 2.0, "2s or 500ms")
    memory = _quantity(m, "memory", _MEMORY_UNITS, 256, "256MiB")
    if not 0 < time_s <= 60:
        raise m.error("time", "must be between 0 and 60 seconds")
    if not 16 <= memory <= 8192:
        raise m.error("memory", "must be between 16MiB and 8GiB")
    m.done()
    return time_s, int(memory)


def _answer(m: _Map) -> Answer:
    kind = m.choice("kind", ANSWER_KINDS)
    fields: dict[str, Any] = {"kind": kind}
    if kind == "stdout":
        fields["parse"] = m.choice("parse", ("strict", "lenient"), "strict")
    elif kind == "variables":
        read = m.sub("read") or _missing(m, "read")
        pairs = []
        for expr in read.items:
            pairs.append((expr, read.choice(expr, ("grad", "value"))))
        if not pairs:
            raise m.error("read", "name at least one variable, e.g. {a: grad}")
        fields["read"] = tuple(pairs)
    elif kind == "function":
        fields["name"] = m.get("name", str, check=_identifier)
        fields["args"] = tuple(str(a) for a in m.get("args", list))
        fields["arg_type"] = m.choice("arg_type", ("tensor", "float", "numpy"), "tensor")
    else:
        fields["point"] = m.get("point", str, "")
        fields["objective"] = m.get("objective", str)
        fields["minimizer"] = m.choice("minimizer", ("unique", "any"), "any")
        fields["partial"] = m.get("partial", bool, False)
    if kind != "minimize":
        fields["checker"] = m.get("checker", str, "")
    m.done()
    return Answer(**fields)


def _identifier(value: str) -> str | None:
    return None if value.isidentifier() else f"'{value}' is not a Python function name"


def _tolerance(m: _Map | None, base: Tolerance) -> Tolerance:
    if m is None:
        return base
    positive = lambda v: None if v >= 0 else "must not be negative"  # noqa: E731
    values = {name: m.get(name, float, getattr(base, name), check=positive)
              for name in ("atol", "rtol", "f_atol", "f_rtol", "grad_norm", "x_atol")}
    values["mode"] = m.choice("mode", TOLERANCE_MODES, base.mode)
    m.done()
    return Tolerance(**values)


def _wrong(top: _Map) -> tuple[Wrong, ...]:
    node = top.node("wrong")
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        raise top.error("wrong", f"expected a list of {{name, code}}, got {_describe(node)}")
    out = []
    for i, item in enumerate(node.value):
        m = _Map(item, f"wrong[{i}]", top.where)
        out.append(Wrong(name=m.get("name", str, f"wrong {i + 1}"), code=m.get("code", str)))
        m.done()
    return tuple(out)


def _gradient_of(m: _Map | None, answer: Answer) -> GradientOf | None:
    if m is None:
        return None
    if answer.kind == "minimize":
        raise ProblemError(m.where, m.line, m.path, "does not apply to minimize problems (the judge "
                           "differentiates the objective itself); remove it")
    f = m.get("f", str)
    answers = tuple(str(a) for a in m.get("answers", list))
    at_node = m.node("at")
    at = None
    if at_node is not None:
        at = _inputs_map(_Map(at_node, f"{m.path}.at", m.where))
    if at is None and answer.kind != "function":
        raise m.error("at", "required unless answer.kind is function (then each test's inputs are used)")
    if not answers:
        raise m.error("answers", "name the arguments of f whose gradient is the answer, e.g. [x]")
    m.done()
    return GradientOf(f=f, answers=answers, at=at)


def _inputs_map(m: _Map) -> dict[str, Any]:
    out = {}
    for name in m.items:
        value = m.get(name, (float, list))
        try:
            _as_array(value)
        except ValueError:
            raise m.error(name, "expected a number or a (nested) list of numbers") from None
        out[name] = value
    return out


def _as_array(value: Any) -> np.ndarray:
    return np.asarray(value, dtype=np.float64)


def _tests(top: _Map, tolerance: Tolerance, answer: Answer, points: float) -> tuple[TestSpec, ...]:
    node = top.node("tests")
    if node is None:
        raise ProblemError(top.where, top.line, "tests", "required field is missing")
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise top.error("tests", "expected a non-empty list of tests")
    out, names, fixed = [], set(), 0.0
    for i, item in enumerate(node.value):
        m = _Map(item, f"tests[{i}]", top.where)
        name = m.get("name", str, f"test-{i + 1}")
        if name in names:
            raise m.error("name", f"two tests are named '{name}'")
        names.add(name)
        inputs_map = m.sub("inputs")
        generate = _generate(m.sub("generate"))
        expected_node = m.node("expected")
        spec = TestSpec(
            name=name, public=m.get("public", bool, False),
            points=m.get("points", float, None, check=lambda v: None if v >= 0 else "must not be negative"),
            inputs=_inputs_map(inputs_map) if inputs_map else {},
            stdin=m.get("stdin", str, ""),
            expected=_plain(expected_node) if expected_node is not None else None,
            expected_line=expected_node.start_mark.line + 1 if expected_node is not None else None,
            generate=generate, tolerance=_tolerance(m.sub("tolerance"), tolerance))
        if spec.expected is not None and generate is not None:
            raise m.error("expected", "a literal expected value cannot go with generated inputs")
        if answer.kind == "minimize" and spec.expected is not None:
            raise m.error("expected", "minimize problems are graded by the objective; drop `expected`")
        m.done()
        fixed += spec.points or 0.0
        out.append(spec)
    if fixed > points + 1e-9:
        raise top.error("tests", f"the tests' points add up to {fixed:g}, over the problem's {points:g}")
    return tuple(out)


def _generate(m: _Map | None) -> GenerateSpec | None:
    if m is None:
        return None
    count = m.get("count", int, check=lambda v: None if 1 <= v <= 1000 else "must be between 1 and 1000")
    seed = m.get("seed", int, 0)
    per_student = m.get("per_student", bool, False)
    inputs = m.sub("inputs") or _missing(m, "inputs")
    specs = {}
    for name in inputs.items:
        node = inputs.node(name)
        if isinstance(node, yaml.MappingNode):
            specs[name] = _generator(_Map(node, f"{inputs.path}.{name}", m.where))
        else:
            specs[name] = inputs.get(name, (float, list))
    m.done()
    return GenerateSpec(count=count, seed=seed, per_student=per_student, inputs=specs)


def _generator(m: _Map) -> dict[str, Any]:
    present = [g for g in GENERATORS if m.has(g)]
    if len(present) != 1:
        raise ProblemError(m.where, m.line, m.path,
                           f"give exactly one generator of {', '.join(GENERATORS)} (e.g. uniform: [-2.0, 2.0])")
    kind = present[0]
    bounds = m.get(kind, list, check=lambda v: None if len(v) == 2 and all(
        isinstance(b, (int, float)) and not isinstance(b, bool) for b in v) else "expected two numbers")
    if kind != "normal" and bounds[0] > bounds[1]:
        raise m.error(kind, "the lower bound is above the upper bound")
    shape = m.get("shape", list, [], check=lambda v: None if all(
        isinstance(n, int) and not isinstance(n, bool) and 0 < n <= 10_000 for n in v) else
        "expected a list of positive integers, e.g. [3] or [2, 2]")
    m.done()
    return {"kind": kind, "a": float(bounds[0]), "b": float(bounds[1]), "shape": tuple(shape)}
