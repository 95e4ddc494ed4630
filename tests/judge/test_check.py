"""`judge check` proves problems: it catches wrong literals, wrong references, loose tests."""
from judge.authoring.check import check_path
from judge.authoring.new import TEMPLATE

from judge_helpers import QUADRATIC, SEED_000


def failures(result):
    return {(f.check, f.detail) for f in result.findings if not f.ok}


def test_a_correct_problem_passes_every_check(grader, write_problem):
    result = check_path(write_problem(QUADRATIC.format(id="q-1", expected="8.0")), grader)
    assert result.ok, failures(result)
    assert {f.check for f in result.findings} == {"schema", "reference", "float32", "literals", "mutants", "fd", "wrong"}


def test_the_new_template_passes_as_is(grader, write_problem):
    result = check_path(write_problem(TEMPLATE.format(id="tpl-1"), name="tpl-1"), grader)
    assert result.ok, failures(result)


def test_catches_the_seed_000_wrong_literals(grader, write_problem):
    text = SEED_000 + "    expected: {a.grad: 8.0, b.grad: 12.0}\n"
    result = check_path(write_problem(text), grader)
    messages = [d for c, d in failures(result) if c == "literals"]
    assert any("test sample: expected for a.grad says 8 but the reference computes 4104" in m for m in messages)
    assert any("says 12 but the reference computes 6156" in m for m in messages)
    assert all(m.startswith(f"{result.target}:17:") for m in messages), messages


def test_finite_differences_check_the_gradients_a_variables_problem_reads_beside_values(
        grader, write_problem):
    gradient_of = ("gradient_of:\n  f: |\n    import torch\n    def f(a, b):\n        x = torch.tensor([[1.0], [2.0]])\n"
                   "        return (a * (b * x ** 3) ** 3).sum()\n  at: {a: 1.0, b: 2.0}\n  answers: [a, b]\n")
    text = SEED_000.replace("read: {a: grad, b: grad}", "read: {a: grad, f_y: value, b: grad}")
    result = check_path(write_problem(text.replace("tests:\n", gradient_of + "tests:\n")), grader)
    assert result.ok, failures(result)
    wrong = text.replace("f_y = a * (b * x ** 3) ** 3", "f_y = a * (b * x ** 3) ** 2")
    result = check_path(write_problem(wrong.replace("tests:\n", gradient_of + "tests:\n")), grader)
    assert any(c == "fd" and "the reference" in d for c, d in failures(result)), failures(result)


def test_catches_a_wrong_reference_by_finite_differences(grader, write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("y = x ** 2 + 2 * x + 1", "y = x ** 2 + x + 1")
    result = check_path(write_problem(text), grader)
    details = failures(result)
    assert any(c == "fd" and "finite differences of gradient_of.f give 8" in d and "the reference 7" in d
               for c, d in details), details
    assert any(c == "literals" for c, _ in details)


def test_catches_an_accepted_wrong_solution_and_a_loose_tolerance(grader, write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("print(7.0)", "print(8.001)").replace(
        "answer:", "tolerance: {atol: 20.0}\nanswer:", 1)
    details = failures(check_path(write_problem(text), grader))
    assert ("wrong", "wrong solution 'forgot the 2x term's factor' is accepted: add a test that catches it, "
                     "or tighten the tolerance") in details
    assert any(c == "mutants" and "halved would be accepted" in d for c, d in details)


def test_catches_tolerance_below_float32_noise(grader, write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("3.0", "3.1").replace(
        "answer:", "tolerance: {atol: 1.0e-9, rtol: 1.0e-9}\nanswer:", 1).replace("expected: [8.0]", "expected: [8.2]")
    details = failures(check_path(write_problem(text), grader))
    assert any(c == "float32" and "in float32 is off by" in d for c, d in details), details


def test_schema_errors_are_reported_not_raised(grader, write_problem):
    result = check_path(write_problem(QUADRATIC.format(id="q-1", expected="8.0").replace("kind: stdout", "kind: x")), grader)
    assert not result.ok and next(iter(failures(result)))[0] == "schema"


def test_mutants_go_through_a_custom_checker(grader, write_problem):
    lenient = QUADRATIC.format(id="q-1", expected="8.0").replace(
        "  kind: stdout\n", "  kind: stdout\n  checker: |\n    def check(got, expected, inputs):\n"
                            "        return 1.0 if abs(abs(got[0][0]) - expected[0][0]) < 1e-3 else 0.0\n")
    details = failures(check_path(write_problem(lenient), grader))
    assert ("mutants", "the reference's answer negated would be accepted on every test: add a test where it "
                       "differs, or tighten the tolerance; if the problem accepts it on purpose (a custom checker), "
                       "allow it: `mutants: {negated: allowed}`") in details
    assert not any("halved" in d for _, d in details)
