"""Problem files: what loads, and the errors an author sees for what does not."""
import pytest

from judge.problem import ProblemError, load_problem
from judge.problem.bank import Bank

from judge_helpers import QUADRATIC, without_gradient_of


def test_valid_problem_loads_with_defaults(write_problem):
    p = load_problem(write_problem(QUADRATIC.format(id="q-1", expected="8.0")))
    assert p.id == "q-1" and p.answer.kind == "stdout" and p.answer.parse == "strict"
    assert p.time_s == 2.0 and p.memory_mib == 256
    assert p.tolerance.atol == 1e-4 and p.tolerance.mode == "norm"
    assert p.tests[0].expected == [8.0] and p.tests[0].public
    assert p.gradient_of.at == {"x": 3.0}


def test_exponent_without_a_dot_is_a_number(write_problem):
    # YAML 1.1 would read 1e-5 as the text '1e-5'; an author writing by hand means a number.
    text = QUADRATIC.format(id="q-1", expected="8e0") + "tolerance: {atol: 1e-5, rtol: 2E-3}\n"
    p = load_problem(write_problem(text))
    assert (p.tolerance.atol, p.tolerance.rtol, p.tests[0].expected) == (1e-5, 2e-3, [8.0])


def test_misspelt_kind_names_file_line_field_and_choices(write_problem):
    path = write_problem(QUADRATIC.format(id="q-1", expected="8.0").replace("kind: stdout", "kind: stdot"))
    with pytest.raises(ProblemError) as err:
        load_problem(path)
    assert str(err.value) == (f"{path}:8: answer.kind: expected one of stdout, variables, function, "
                              "minimize; got 'stdot'; did you mean 'stdout'?")


def test_unknown_field_suggests_the_right_one(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0") + "tolerence: {atol: 0.1}\n"
    path = write_problem(text)
    last_line = text.count("\n")
    with pytest.raises(ProblemError, match=rf"q-1.yaml:{last_line}: tolerence: unknown field; did you mean 'tolerance'\?"):
        load_problem(path)


def test_unknown_nested_field(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("    public: true", "    pubilc: true")
    with pytest.raises(ProblemError, match=r"tests\[0\]\.pubilc: unknown field; did you mean 'public'"):
        load_problem(write_problem(text))


def test_missing_required_field(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("title: Derivative of a quadratic\n", "")
    with pytest.raises(ProblemError, match=r"q-1.yaml:1: title: required field is missing"):
        load_problem(write_problem(text))


def test_wrong_type_says_what_was_expected(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("points: 100", "points: lots")
    with pytest.raises(ProblemError, match=r":3: points: expected a number, got str 'lots'"):
        load_problem(write_problem(text))


def test_id_must_match_file_name(write_problem):
    path = write_problem(QUADRATIC.format(id="q-1", expected="8.0"), name="other")
    with pytest.raises(ProblemError, match=r"id: 'q-1' must equal the file name 'other'"):
        load_problem(path)


def test_bad_yaml_reports_line(write_problem):
    path = write_problem("id: q-1\ntitle: [unclosed\n", name="q-1")
    with pytest.raises(ProblemError, match=r"q-1.yaml:\d+: not valid YAML"):
        load_problem(path)


def test_limits_units(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("answer:", "limits: {time: 500ms, memory: 1GiB}\nanswer:", 1)
    p = load_problem(write_problem(text))
    assert p.time_s == 0.5 and p.memory_mib == 1024
    bad = text.replace("500ms", "fast")
    with pytest.raises(ProblemError, match=r"limits.time: expected a quantity like 2s or 500ms; got 'fast'"):
        load_problem(write_problem(bad))


def test_generator_needs_exactly_one_kind(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0") + (
        "  - name: gen\n    generate:\n      count: 2\n      inputs:\n        x: {shape: [2]}\n")
    with pytest.raises(ProblemError, match=r"tests\[1\]\.generate\.inputs\.x: give exactly one generator"):
        load_problem(write_problem(text))


def test_every_answer_kind_loads(write_problem):
    base = QUADRATIC.format(id="k-1", expected="8.0")
    kinds = {
        "variables": "answer:\n  kind: variables\n  read: {a.grad: grad, b: value}\n",
        "function": "answer:\n  kind: function\n  name: grad_f\n  args: [x]\n  arg_type: numpy\n",
        "minimize": "answer:\n  kind: minimize\n  point: x\n  objective: |\n    def f(x):\n        return x ** 2\n"
                    "  minimizer: unique\n  partial: true\n",
    }
    for kind, block in kinds.items():
        text = base.replace("answer:\n  kind: stdout\n", block)
        if kind == "minimize":
            text = without_gradient_of(text.replace("    expected: [8.0]\n", ""))
        if kind == "function":          # its arguments come from the test's inputs
            text = text.replace("    public: true\n", "    public: true\n    inputs: {x: 3.0}\n")
        p = load_problem(write_problem(text))
        assert p.answer.kind == kind
    assert load_problem(write_problem(base.replace("answer:\n  kind: stdout\n", kinds["variables"]))).answer.read == (
        ("a.grad", "grad"), ("b", "value"))


def test_bank_suggests_near_ids(write_problem):
    path = write_problem(QUADRATIC.format(id="autograd-practice-1", expected="8.0"))
    bank = Bank(path.parent)
    assert bank.get("autograd-practice-1").id == "autograd-practice-1"
    with pytest.raises(LookupError, match=r"no problem 'autograd-practise-1'; did you mean 'autograd-practice-1'\?"):
        bank.get("autograd-practise-1")


def test_bank_caches_until_the_file_changes(write_problem):
    path = write_problem(QUADRATIC.format(id="q-1", expected="8.0"))
    bank = Bank(path.parent)
    assert bank.get("q-1") is bank.get("q-1")
    path.write_text(path.read_text().replace("points: 100", "points: 50"))
    assert bank.get("q-1").points == 50


def test_gradient_of_is_refused_for_minimize(write_problem):
    text = QUADRATIC.format(id="m-1", expected="8.0").replace(
        "answer:\n  kind: stdout\n", "answer:\n  kind: minimize\n  objective: |\n    def f(x):\n        return x\n"
    ).replace("    expected: [8.0]\n", "")
    with pytest.raises(ProblemError, match=r"gradient_of: does not apply to minimize problems"):
        load_problem(write_problem(text))


def test_field_of_another_answer_kind_is_named_as_such(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("  kind: stdout\n", "  kind: stdout\n  name: grad_f\n")
    with pytest.raises(ProblemError, match=r"answer.name: does not apply to this answer kind"):
        load_problem(write_problem(text))


def test_test_points_cannot_exceed_the_problem_points(write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("    public: true\n", "    public: true\n    points: 150\n")
    with pytest.raises(ProblemError, match=r"tests: the tests' points add up to 150, over the problem's 100"):
        load_problem(write_problem(text))
