"""Schema mistakes a new instructor made writing problems from the README (the authoring audit):
each is reported, all at once, with file:line: field: what is wrong; what to do."""
import pytest

from judge.problem import ProblemError, load_problem

from judge_helpers import QUADRATIC


def errors_of(path) -> list[str]:
    with pytest.raises(ProblemError) as err:
        load_problem(path)
    return [str(e) for e in err.value.errors]


def test_every_schema_error_is_reported_at_once(write_problem):
    # m1f-multi: three typos, in a test, at the top level and a translation
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("    public: true", "    pubilc: true")
    text += "tolerence: {atol: 1.0e-4}\nrefrence_ja: x\n"
    path = write_problem(text)
    found = errors_of(path)
    assert len(found) == 3, found
    assert "tests[0].pubilc: unknown field; did you mean 'public'?" in found[0]
    assert "tolerence: unknown field; did you mean 'tolerance'?" in found[1]
    assert "refrence_ja: unknown field" in found[2]
    # m10-limits: the memory error is not hidden behind the time one
    text = QUADRATIC.format(id="q-2", expected="8.0").replace(
        "answer:", "limits: {time: 2 sec, memory: 9GiB}\nanswer:", 1)
    found = errors_of(write_problem(text))
    assert any("limits.time: expected a quantity like 2s or 500ms; got '2 sec'" in e for e in found)
    assert any("limits.memory: must be between 16MiB and 8GiB" in e for e in found)


def test_a_near_miss_of_a_required_field_is_an_unknown_field_with_did_you_mean(write_problem):
    path = write_problem(QUADRATIC.format(id="q-1", expected="8.0").replace("  kind: stdout", "  knd: stdout"))
    assert errors_of(path) == [f"{path}:8: answer.knd: unknown field; did you mean 'kind'?"]


def test_fields_slipped_out_of_their_section_say_where_they_belong(write_problem):
    path = write_problem(QUADRATIC.format(id="q-1", expected="8.0").replace("  kind: stdout", "kind: stdout"))
    found = errors_of(path)
    assert any("answer: expected a mapping of fields, got nothing (null) (are its fields indented" in e for e in found)
    assert any(":8: kind: unknown field here; `kind` is a field of answer: indent it under `answer:`" in e
               for e in found)


def test_expected_keys_must_be_answers_of_a_variables_problem(write_problem):
    # m16e-bogus: `y` is not read, and students would have seen it in `judge show`
    text = """\
    id: m16e-bogus
    title: t
    statement: s
    answer: {kind: variables, read: {x: grad}}
    reference: |
      import torch
      x = torch.tensor([1.0, 2.0], requires_grad=True)
      (x ** 3).sum().backward()
    tests:
      - name: a
        public: true
        expected: {x: [3.0, 12.0], y: 5.0, x.grd: 1.0}
    """
    path = write_problem(text)
    found = errors_of(path)
    assert f"{path}:12: tests[0].expected.y: not an answer of this problem; answer.read names x" in found[0]
    assert "tests[0].expected.x.grd: not an answer of this problem; did you mean 'x.grad'?" in found[1]
    ok = write_problem(text.replace(", y: 5.0, x.grd: 1.0", "").replace("m16e-bogus", "m16e-ok"))
    assert load_problem(ok).tests[0].expected == {"x": [3.0, 12.0]}


def test_generated_case_names_may_not_clash_with_fixed_ones(write_problem):
    # m15b-genclash: `r` generates r-1 and r-2; a fixed test is already called r-1
    text = """\
    id: m15b-genclash
    title: t
    statement: s
    answer: {kind: function, name: g, args: [x], arg_type: float}
    reference: |
      def g(x):
          return 2 * x
    tests:
      - name: r-1
        inputs: {x: 3.0}
      - name: r
        generate: {count: 2, seed: 1, inputs: {x: {uniform: [0, 1]}}}
    """
    path = write_problem(text)
    assert errors_of(path) == [f"{path}:11: tests[1].name: the test name 'r-1' is given twice (tests[0] and "
                               "tests[1]); generated cases are named <name>-1, <name>-2, ...: rename one"]


def test_function_args_must_be_inputs_of_every_test(write_problem):
    # m17-args: `w` where the inputs say `W` was blamed on the reference (KeyError: 'w')
    text = """\
    id: m17-args
    title: t
    statement: s
    answer: {kind: function, name: g, args: [x, w], arg_type: tensor}
    reference: |
      def g(x, w):
          return x * w
    tests:
      - name: a
        public: true
        inputs: {x: [1.0, 2.0], W: [1.0, 1.0]}
    """
    path = write_problem(text)
    assert errors_of(path) == [f"{path}:4: answer.args: 'w' is not an input of test 'a' (line 9); did you mean "
                               "'W'? (each argument is taken from the test's inputs)"]


def test_a_ragged_input_says_which_row(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace(
        "    public: true\n", "    public: true\n    inputs:\n      X: [[1.0, 2.0, 3.0], [4.0, 5.0]]\n")
    found = errors_of(write_problem(text))
    assert found[0].endswith("tests[0].inputs.X: expected a number or a (nested) list of numbers; ragged: row 2 "
                             "has 2 entries, row 1 has 3 (every row needs the same length)")


def test_yaml_syntax_errors_are_explained(write_problem, tmp_path):
    tabs = QUADRATIC.format(id="q-1", expected="8.0").replace("  kind: stdout", "\tkind: stdout")
    path = write_problem(tabs)
    assert errors_of(path) == [f"{path}:8: not valid YAML: YAML forbids tabs for indentation; use spaces"]
    # m2b-indent: a test's field indented like the list item
    text = QUADRATIC.format(id="q-2", expected="8.0").replace("    expected: [8.0]", "  expected: [8.0]")
    found = errors_of(write_problem(text))
    assert "not valid YAML: line 28 is indented differently from its siblings under `tests:` (line 25)" in found[0]


def test_statement_language_codes_are_checked(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("answer:", "statement_jp: こんにちは\nanswer:", 1)
    found = errors_of(write_problem(text))
    assert found == [f"{found[0].split(':')[0]}:7: statement_jp: 'jp' is not a language code; did you mean "
                     "'statement_ja'? (ISO 639-1: ja, zh, ko, fr, ...)"]
    fine = QUADRATIC.format(id="q-2", expected="8.0").replace("answer:", "statement_ja: こんにちは\nanswer:", 1)
    assert load_problem(write_problem(fine)).statements == {"ja": "こんにちは"}


def test_mutants_option(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0") + "mutants: {negated: allowed, halved: rejected}\n"
    assert load_problem(write_problem(text)).mutants == {"negated": "allowed"}
    bad = QUADRATIC.format(id="q-2", expected="8.0") + "mutants: {negate: allowed, zeroed: allow}\n"
    found = errors_of(write_problem(bad))
    assert any("mutants.negate: not a mutant; did you mean 'negated'?" in e for e in found), found
    assert any("mutants.zeroed: expected one of allowed, rejected; got 'allow'; did you mean 'allowed'?" in e
               for e in found), found
