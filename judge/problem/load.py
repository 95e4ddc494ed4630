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
                                  Problem, ProblemError, ProblemErrors, TestSpec, Tolerance, Wrong)

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
    """Every error of the file at once (a ProblemErrors when there are several)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ProblemError(where, line, "", f"not valid YAML: {_yaml_problem(exc, text)}") from None
    if root is None:
        raise ProblemError(where, None, "", "the file is empty; start from `judge new ID`")
    top = _Map(root, "", where)
    problem = _problem(top, where)
    if top.errors:
        raise top.errors[0] if len(top.errors) == 1 else ProblemErrors(top.errors)
    if expected_id is not None and problem.id != expected_id:
        raise ProblemError(where, top.line_of("id"), "id",
                           f"'{problem.id}' must equal the file name '{expected_id}'")
    return problem


def _yaml_problem(exc: yaml.YAMLError, text: str) -> str:
    """PyYAML's complaint, explained for the two mistakes hand-written YAML really has."""
    problem = str(getattr(exc, "problem", exc))
    mark = getattr(exc, "problem_mark", None)
    if "'\\t'" in problem or "\t" in problem:
        return "YAML forbids tabs for indentation; use spaces"
    if mark is None or not ("expected <block end>" in problem or "mapping values are not allowed" in problem):
        return problem
    lines = text.splitlines()
    if mark.line >= len(lines):
        return problem
    number = mark.line + 1
    here = lines[mark.line]
    indent = len(here) - len(here.lstrip(" "))
    above = [(i, l) for i, l in enumerate(lines[:mark.line]) if l.strip() and not l.lstrip().startswith("#")]
    parent = next(((i, l) for i, l in reversed(above) if len(l) - len(l.lstrip(" ")) < indent
                   and l.rstrip().rstrip("|>-+ ").endswith(":")), None)
    if parent is None:
        parent = next(((i, l) for i, l in reversed(above) if len(l) - len(l.lstrip(" ")) < indent), None)
    sibling = above[-1] if above else None
    if parent is None or sibling is None:
        return f"line {number} is indented differently from the lines around it ({problem})"
    name = parent[1].strip().split(":")[0].lstrip("- ")
    sib_indent = len(sibling[1]) - len(sibling[1].lstrip(" "))
    return (f"line {number} is indented differently from its siblings under `{name}:` (line {parent[0] + 1}): "
            f"it has {indent} space{'s' * (indent != 1)}, line {sibling[0] + 1} above it {sib_indent}; "
            f"YAML nests by indentation, so line it up with the field it belongs to ({problem})")


class _Map:
    """A YAML mapping node being validated: typed getters, then `done()` flags leftovers.

    Errors go to `errors` (shared by every _Map of one file) through `attempt`, so a file's
    mistakes are all reported at once."""

    def __init__(self, node: yaml.Node, path: str, where: str, errors: list | None = None):
        self.where, self.path = where, path
        self.errors: list[ProblemError] = errors if errors is not None else []
        if not isinstance(node, yaml.MappingNode):
            hint = (" (are its fields indented under it?)" if _plain_or_none(node) is None and
                    isinstance(node, yaml.ScalarNode) else "")
            raise ProblemError(where, node.start_mark.line + 1, path or "(top level)",
                               f"expected a mapping of fields, got {_describe(node)}{hint}")
        self.line = node.start_mark.line + 1
        self.items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = str(_plain(key))
            if name in self.items:
                self.errors.append(ProblemError(where, key.start_mark.line + 1, self._field(name), "given twice"))
                continue
            self.items[name] = (key, value)
        self.used: set[str] = set()

    def attempt(self, fn: Callable[[], Any], default: Any = None) -> Any:
        """fn(), or `default` with its errors recorded."""
        try:
            return fn()
        except ProblemError as exc:
            self.errors.extend(exc.errors)
            return default

    def _field(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def line_of(self, name: str) -> int:
        return self.items[name][1].start_mark.line + 1 if name in self.items else self.line

    def key_line(self, name: str) -> int:
        return self.items[name][0].start_mark.line + 1 if name in self.items else self.line

    def error(self, name: str, message: str) -> ProblemError:
        return ProblemError(self.where, self.line_of(name), self._field(name), message)

    def has(self, name: str) -> bool:
        return name in self.items

    def node(self, name: str) -> yaml.Node | None:
        self.used.add(name)
        return self.items[name][1] if name in self.items else None

    def missing(self, name: str) -> ProblemError:
        """A required field is absent: a near-miss among the unused keys is the likelier mistake."""
        unused = [k for k in self.items if k not in self.used and k not in self._known()]
        close = difflib.get_close_matches(name, unused, n=1, cutoff=0.6)
        if close:
            self.used.add(close[0])
            return ProblemError(self.where, self.key_line(close[0]), self._field(close[0]),
                                f"unknown field; did you mean '{name}'?")
        return ProblemError(self.where, self.line, self._field(name), "required field is missing")

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = ...,
            check: Callable[[Any], str | None] | None = None) -> Any:
        """The field's value, checked for type (and by `check`); `...` as default means required."""
        node = self.node(name)
        if node is None:
            if default is ...:
                raise self.missing(name)
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
            close = difflib.get_close_matches(str(value), choices, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise self.error(name, f"expected one of {', '.join(choices)}; got '{value}'{hint}")
        return value

    def sub(self, name: str) -> "_Map | None":
        node = self.node(name)
        return None if node is None else _Map(node, self._field(name), self.where, self.errors)

    def child(self, node: yaml.Node, path: str) -> "_Map":
        return _Map(node, path, self.where, self.errors)

    def done(self) -> None:
        for name, (key, _) in self.items.items():
            if name in self.used:
                continue
            if name in self._known():
                message = "does not apply to this answer kind; remove it or change answer.kind"
            elif self._elsewhere(name):
                message = (f"unknown field here; `{name}` is a field of {self._elsewhere(name)}: indent it under "
                           f"`{self._elsewhere(name)}:`")
            else:
                close = difflib.get_close_matches(name, sorted(self.used | self._known()), n=1)
                message = "unknown field" + (f"; did you mean '{close[0]}'?" if close else "")
            self.errors.append(ProblemError(self.where, key.start_mark.line + 1, self._field(name), message))
            self.used.add(name)

    def _elsewhere(self, name: str) -> str:
        """The section a field misplaced at the top level belongs to (an indentation slip)."""
        if self.path:
            return ""
        return next((section for section in ("answer", "limits", "tolerance", "gradient_of")
                     if name in _KNOWN[section] and self.has(section)), "")

    def _known(self) -> set[str]:
        return _KNOWN.get(self.path.split(".")[-1].split("[")[0], set())


_TYPE_NAMES = {str: "text", float: "a number", int: "an integer", bool: "true or false",
               list: "a list", dict: "a mapping"}
# Fields per section, for did-you-mean on fields that were never asked for (optional ones).
_KNOWN = {
    "": {"id", "title", "points", "tags", "statement", "limits", "answer", "tolerance", "reference",
         "wrong", "gradient_of", "tests", "mutants"},
    "answer": {"kind", "parse", "read", "name", "args", "arg_type", "point", "objective", "minimizer",
               "partial", "checker"},
    "tolerance": {"atol", "rtol", "mode", "f_atol", "f_rtol", "grad_norm", "x_atol"},
    "limits": {"time", "memory"},
    "gradient_of": {"f", "at", "answers"},
    "tests": {"name", "public", "points", "inputs", "stdin", "expected", "generate", "tolerance"},
    "generate": {"count", "seed", "per_student", "inputs"},
}


def _plain_or_none(node: yaml.Node) -> Any:
    try:
        return _plain(node)
    except yaml.YAMLError:
        return ...


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


def _problem(top: _Map, where: str) -> Problem | None:
    a = top.attempt
    pid = a(lambda: top.get("id", str, check=lambda v: None if ID_RE.match(v) else
                             "use lowercase letters, digits and '-' (e.g. autograd-practice-1)"))
    title = a(lambda: top.get("title", str))
    statement = a(lambda: top.get("statement", str))
    statements = {}
    for name in list(top.items):
        if name.startswith("statement_"):
            code = name[len("statement_"):]
            text = a(lambda name=name: top.get(name, str, check=lambda v, code=code: _language(code)))
            if text is not None:
                statements[code] = text
    points = a(lambda: top.get("points", float, 100.0, check=lambda v: None if v > 0 else "must be positive"), 100.0)
    tags = a(lambda: tuple(str(t) for t in top.get("tags", list, [])), ())
    time_s, memory_mib = a(lambda: _limits(top.sub("limits")), (2.0, 256))
    answer = a(lambda: _answer(top.sub("answer") or _missing(top, "answer")))
    tolerance = a(lambda: _tolerance(top.sub("tolerance"), Tolerance()), Tolerance())
    reference = a(lambda: top.get("reference", str))
    wrong = a(lambda: _wrong(top), ())
    mutants = a(lambda: _mutants(top.sub("mutants"), answer), {})
    if answer is not None:
        gradient_of = a(lambda: _gradient_of(top.sub("gradient_of"), answer))
        tests = a(lambda: _tests(top, tolerance, answer, points), ())
    else:                                   # the answer is broken: what depends on it cannot be checked
        gradient_of, tests = None, ()
        top.node("gradient_of"), top.node("tests")
    top.done()
    if top.errors:
        return None
    a(lambda: _cross_check(top, answer, tests))
    if top.errors:
        return None
    return Problem(id=pid, title=title, statement=statement, statements=statements, points=points,
                   tags=tags, time_s=time_s, memory_mib=memory_mib, answer=answer,
                   tolerance=tolerance, reference=reference, wrong=wrong, gradient_of=gradient_of,
                   tests=tests, path=where, mutants=mutants)


def _missing(m: _Map, name: str):
    raise m.missing(name)


# ISO 639-1 codes, for `statement_<code>`: a translation under a made-up code is never shown.
_LANGUAGES = set("""aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv
cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id
ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh
mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa
sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
vi vo wa wo xh yi yo za zh zu""".split())
# Country codes and other near-misses people write for a language.
_LANGUAGE_MISTAKES = {"jp": "ja", "cn": "zh", "tw": "zh", "kr": "ko", "gr": "el", "cz": "cs", "dk": "da",
                      "se": "sv", "ua": "uk", "vn": "vi", "ir": "fa", "il": "he", "in": "hi", "br": "pt",
                      "eng": "en", "jpn": "ja", "chi": "zh", "zho": "zh", "kor": "ko", "ger": "de", "fre": "fr"}


def _language(code: str) -> str | None:
    base = code.replace("_", "-").split("-")[0].lower()
    if base in _LANGUAGES and base not in _LANGUAGE_MISTAKES:
        return None
    if base in _LANGUAGE_MISTAKES:
        return (f"'{base}' is not a language code; did you mean 'statement_{_LANGUAGE_MISTAKES[base]}'? "
                "(ISO 639-1: ja, zh, ko, fr, ...)")
    return f"'{code}' is not an ISO 639-1 language code; use e.g. statement_ja, statement_zh, statement_fr"


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

    def time() -> float:
        value = _quantity(m, "time", _TIME_UNITS, 2.0, "2s or 500ms")
        if not 0 < value <= 60:
            raise m.error("time", "must be between 0 and 60 seconds")
        return value

    def memory() -> float:
        value = _quantity(m, "memory", _MEMORY_UNITS, 256, "256MiB")
        if not 16 <= value <= 8192:
            raise m.error("memory", "must be between 16MiB and 8GiB")
        return value
    time_s, memory = m.attempt(time, 2.0), m.attempt(memory, 256)
    m.done()
    return time_s, int(memory)


def _answer(m: _Map) -> Answer:
    kind = m.choice("kind", ANSWER_KINDS)
    fields: dict[str, Any] = {"kind": kind}
    a = m.attempt
    if kind == "stdout":
        fields["parse"] = a(lambda: m.choice("parse", ("strict", "lenient"), "strict"), "strict")
    elif kind == "variables":
        read = m.sub("read") or _missing(m, "read")
        pairs = []
        for expr in read.items:
            pairs.append((expr, a(lambda expr=expr: read.choice(expr, ("grad", "value")), "grad")))
        if not pairs:
            raise m.error("read", "name at least one variable, e.g. {a: grad}")
        fields["read"] = tuple(pairs)
    elif kind == "function":
        fields["name"] = a(lambda: m.get("name", str, check=_identifier), "f")
        fields["args"] = a(lambda: tuple(str(x) for x in m.get("args", list)), ())
        fields["arg_type"] = a(lambda: m.choice("arg_type", ("tensor", "float", "numpy"), "tensor"), "tensor")
    else:
        fields["point"] = a(lambda: m.get("point", str, ""), "")
        fields["objective"] = a(lambda: m.get("objective", str), "")
        fields["minimizer"] = a(lambda: m.choice("minimizer", ("unique", "any"), "any"), "any")
        fields["partial"] = a(lambda: m.get("partial", bool, False), False)
    if kind != "minimize":
        fields["checker"] = a(lambda: m.get("checker", str, ""), "")
    m.done()
    return Answer(**fields)


def _identifier(value: str) -> str | None:
    return None if value.isidentifier() else f"'{value}' is not a Python function name"


def _tolerance(m: _Map | None, base: Tolerance) -> Tolerance:
    if m is None:
        return base
    positive = lambda v: None if v >= 0 else "must not be negative"  # noqa: E731
    values = {name: m.attempt(lambda name=name: m.get(name, float, getattr(base, name), check=positive),
                              getattr(base, name))
              for name in ("atol", "rtol", "f_atol", "f_rtol", "grad_norm", "x_atol")}
    values["mode"] = m.attempt(lambda: m.choice("mode", TOLERANCE_MODES, base.mode), base.mode)
    m.done()
    return Tolerance(**values, line=m.line)


MUTANT_NAMES = ("negated", "doubled", "halved", "zeroed", "transposed")


def _mutants(m: _Map | None, answer: Answer | None) -> dict[str, str]:
    """`mutants: {negated: allowed}`: mutants `judge check` need not see rejected."""
    if m is None:
        return {}
    out = {}
    for name in list(m.items):
        if name not in MUTANT_NAMES:
            close = difflib.get_close_matches(name, MUTANT_NAMES, n=1)
            m.used.add(name)
            m.errors.append(m.error(name, "not a mutant" + (f"; did you mean '{close[0]}'?" if close else
                                                            f"; the mutants are {', '.join(MUTANT_NAMES)}")))
            continue
        out[name] = m.attempt(lambda name=name: m.choice(name, ("allowed", "rejected")), "rejected")
    m.done()
    return {k: v for k, v in out.items() if v == "allowed"}


def _wrong(top: _Map) -> tuple[Wrong, ...]:
    node = top.node("wrong")
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        raise top.error("wrong", f"expected a list of {{name, code}}, got {_describe(node)}")
    out = []
    for i, item in enumerate(node.value):
        m = top.attempt(lambda item=item, i=i: top.child(item, f"wrong[{i}]"))
        if m is None:
            continue
        name = m.attempt(lambda i=i: m.get("name", str, f"wrong {i + 1}"), f"wrong {i + 1}")
        code = m.attempt(lambda: m.get("code", str), "")
        out.append(Wrong(name=name, code=code))
        m.done()
    return tuple(out)


def _gradient_of(m: _Map | None, answer: Answer) -> GradientOf | None:
    if m is None:
        return None
    if answer.kind == "minimize":
        m.used.update(m.items)
        raise ProblemError(m.where, m.line, m.path, "does not apply to minimize problems (the judge "
                           "differentiates the objective itself); remove it")
    f = m.attempt(lambda: m.get("f", str), "")
    answers = m.attempt(lambda: tuple(str(x) for x in m.get("answers", list)), ("?",))
    at_node = m.node("at")
    at = None
    if at_node is not None:
        at = m.attempt(lambda: _inputs_map(m.child(at_node, f"{m.path}.at")))
    elif answer.kind != "function":
        m.errors.append(m.error("at", "required unless answer.kind is function (then each test's inputs are "
                                      "used); the reference runs with `at` as its inputs"))
    if not answers:
        m.errors.append(m.error("answers", "name the arguments of f whose gradient is the answer, e.g. [x]"))
    m.done()
    return GradientOf(f=f, answers=answers, at=at, line=m.line_of("at"))


def _inputs_map(m: _Map) -> dict[str, Any]:
    out = {}
    for name in m.items:
        value = m.attempt(lambda name=name: m.get(name, (float, list)))
        if value is None:
            continue
        try:
            _as_array(value)
        except ValueError:
            why = _ragged(value)
            m.errors.append(m.error(name, "expected a number or a (nested) list of numbers" +
                                    (f"; {why}" if why else "")))
            continue
        out[name] = value
    m.done()
    return out


def _ragged(value: Any) -> str | None:
    """What makes a nested list not a rectangular array of numbers, if anything."""
    if not isinstance(value, list):
        return None if isinstance(value, (int, float)) and not isinstance(value, bool) else \
            f"{value!r} is not a number"
    lists = [isinstance(v, list) for v in value]
    if any(lists) and not all(lists):
        i = lists.index(not lists[0])
        what = lambda is_list: "a list" if is_list else "a number"  # noqa: E731
        return f"row {i + 1} is {what(lists[i])}, row 1 is {what(lists[0])}"
    if value and all(lists):
        for i, row in enumerate(value):
            if len(row) != len(value[0]):
                return (f"ragged: row {i + 1} has {len(row)} entries, row 1 has {len(value[0])} "
                        "(every row needs the same length)")
    for i, row in enumerate(value):
        why = _ragged(row)
        if why:
            return f"in row {i + 1}: {why}" if isinstance(row, list) else why
    return None


def _as_array(value: Any) -> np.ndarray:
    return np.asarray(value, dtype=np.float64)


def _tests(top: _Map, tolerance: Tolerance, answer: Answer, points: float) -> tuple[TestSpec, ...]:
    node = top.node("tests")
    if node is None:
        raise top.missing("tests")
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise top.error("tests", "expected a non-empty list of tests")
    out, names, fixed = [], {}, 0.0
    for i, item in enumerate(node.value):
        spec = top.attempt(lambda item=item, i=i: _test(top, item, i, tolerance, answer))
        if spec is None:
            continue
        line = spec.line
        own = [spec.name] if spec.generate is None else [f"{spec.name}-{k + 1}" for k in range(spec.generate.count)]
        for name in own:
            if name in names:
                other = names[name]
                what = f"two tests are named '{name}'" if spec.generate is None and other[1] else \
                    f"the test name '{name}' is given twice (tests[{other[0]}] and tests[{i}])"
                if spec.generate is not None or not other[1]:
                    what += "; generated cases are named <name>-1, <name>-2, ...: rename one"
                top.errors.append(ProblemError(top.where, line, f"tests[{i}].name", what))
                break
            names[name] = (i, spec.generate is None)
        fixed += spec.points or 0.0
        out.append(spec)
    if fixed > points + 1e-9:
        raise top.error("tests", f"the tests' points add up to {fixed:g}, over the problem's {points:g}")
    return tuple(out)


def _test(top: _Map, item: yaml.Node, i: int, tolerance: Tolerance, answer: Answer) -> TestSpec:
    m = top.child(item, f"tests[{i}]")
    a = m.attempt
    name = a(lambda: m.get("name", str, f"test-{i + 1}"), f"test-{i + 1}")
    inputs_map = a(lambda: m.sub("inputs"))
    generate = a(lambda: _generate(m.sub("generate")))
    expected_node = m.node("expected")
    expected = _plain(expected_node) if expected_node is not None else None
    spec = TestSpec(
        name=name, public=a(lambda: m.get("public", bool, False), False),
        points=a(lambda: m.get("points", float, None, check=lambda v: None if v >= 0 else "must not be negative")),
        inputs=a(lambda: _inputs_map(inputs_map), {}) if inputs_map else {},
        stdin=a(lambda: m.get("stdin", str, ""), ""),
        expected=expected,
        expected_line=expected_node.start_mark.line + 1 if expected_node is not None else None,
        generate=generate, tolerance=a(lambda: _tolerance(m.sub("tolerance"), tolerance), tolerance),
        line=m.line)
    if spec.expected is not None and generate is not None:
        m.errors.append(m.error("expected", "a literal expected value cannot go with generated inputs"))
    if answer.kind == "minimize" and spec.expected is not None:
        m.errors.append(m.error("expected", "minimize problems are graded by the objective; drop `expected`"))
    if answer.kind == "variables" and isinstance(expected, dict):
        a(lambda: _expected_keys(m, expected_node, answer))
    m.done()
    return spec


def _expected_keys(m: _Map, node: yaml.Node, answer: Answer) -> None:
    """`expected: {x: ..}` of a variables problem: every key must be one `read` names."""
    names = {}
    for expr, what in answer.read:
        names[expr] = expr
        full = expr + ".grad" if what == "grad" and not expr.endswith(".grad") else expr
        names[full] = expr
    for key, _ in node.value:
        name = str(_plain(key))
        if name not in names:
            close = difflib.get_close_matches(name, sorted(names), n=1)
            hint = (f"did you mean '{close[0]}'?" if close else
                    f"answer.read names {', '.join(e for e, _ in answer.read)}")
            m.errors.append(ProblemError(m.where, key.start_mark.line + 1, f"{m.path}.expected.{name}",
                                         f"not an answer of this problem; {hint} (remove it or add it to "
                                         "answer.read)"))


def _generate(m: _Map | None) -> GenerateSpec | None:
    if m is None:
        return None
    count = m.get("count", int, check=lambda v: None if 1 <= v <= 1000 else "must be between 1 and 1000")
    seed = m.attempt(lambda: m.get("seed", int, 0), 0)
    per_student = m.attempt(lambda: m.get("per_student", bool, False), False)
    inputs = m.sub("inputs") or _missing(m, "inputs")
    specs = {}
    for name in inputs.items:
        node = inputs.node(name)
        if isinstance(node, yaml.MappingNode):
            spec = inputs.attempt(lambda node=node, name=name: _generator(inputs.child(node, f"{inputs.path}.{name}")))
        else:
            spec = inputs.attempt(lambda name=name: inputs.get(name, (float, list)))
        if spec is not None:
            specs[name] = spec
    m.done()
    return GenerateSpec(count=count, seed=seed, per_student=per_student, inputs=specs)


def _generator(m: _Map) -> dict[str, Any]:
    present = [g for g in GENERATORS if m.has(g)]
    if len(present) != 1:
        m.used.update(m.items)
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


def _test_inputs(test: TestSpec) -> set[str]:
    return set(test.inputs) | (set(test.generate.inputs) if test.generate else set())


def _cross_check(top: _Map, answer: Answer, tests: tuple[TestSpec, ...]) -> None:
    """What no single field shows: names that must match across sections."""
    if answer.kind == "function":
        answer_map = top.sub("answer")
        for arg in answer.args:
            for test in tests:
                given = _test_inputs(test)
                if arg not in given:
                    close = [g for g in sorted(given) if g.lower() == arg.lower()] or \
                        difflib.get_close_matches(arg, sorted(given), n=1)
                    hint = (f"did you mean '{close[0]}'?" if close else
                            f"its inputs are {', '.join(sorted(given)) or 'none'}")
                    top.errors.append(ProblemError(
                        top.where, answer_map.line_of("args"), "answer.args",
                        f"'{arg}' is not an input of test '{test.name}' (line {test.line}); {hint} "
                        "(each argument is taken from the test's inputs)"))
                    break
