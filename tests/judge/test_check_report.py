"""`judge check` on the instructor mistakes of the authoring audit: each one is caught, once, with
what to do; and what is deliberate can be said so."""
from judge.authoring.check import check_path

from judge_helpers import QUADRATIC


def failures(result):
    return [(f.check, f.detail) for f in result.findings if not f.ok]


def warnings(result):
    return [(f.check, f.detail) for f in result.findings if f.warning]


def test_a_reference_that_prints_nothing_fails(grader, write_problem):
    # m7c-emptyref: an empty program used to be AC
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("  print(x.grad.item())\n", "")
    text = text.replace("    expected: [8.0]\n", "")
    found = failures(check_path(write_problem(text), grader))
    assert found and found[0][0] == "reference", found
    assert "the reference printed no numbers" in found[0][1]


def test_a_wrong_solution_that_does_not_compile_is_not_a_rejection(grader, write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("print(7.0)", "print(7.0")
    found = failures(check_path(write_problem(text), grader))
    assert found == [("wrong", "wrong solution 'forgot the 2x term's factor' does not compile (SyntaxError: '(' "
                               "was never closed): it is rejected for that alone, which proves nothing about the "
                               "tests; fix its code")], found


def test_a_wrong_solution_rejected_only_by_runtime_errors_is_a_warning(grader, write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("print(7.0)", "print(1 / 0)")
    result = check_path(write_problem(text), grader)
    assert result.ok, failures(result)
    assert any(c == "wrong" and "rejected only by runtime errors (RE on every test)" in d
               for c, d in warnings(result)), result.findings


def test_nothing_independent_checking_the_reference_is_a_warning(grader, write_problem):
    # m4b-refbug-silent: no gradient_of, no literal: a wrong reference passes unnoticed
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("    expected: [8.0]\n", "")
    text = text[:text.index("gradient_of:")] + text[text.index("tests:"):]
    result = check_path(write_problem(text), grader)
    assert result.ok
    assert warnings(result) == [("independent", "no gradient_of or expected: nothing independent checks the "
                                 "reference; add gradient_of (finite differences) or an `expected` literal to a test")]
    with_literal = check_path(write_problem(QUADRATIC.format(id="q-2", expected="8.0")), grader)
    assert not warnings(with_literal)


CHECKER = QUADRATIC.replace("  kind: stdout\n", "  kind: stdout\n  checker: |\n    def check(got, expected, inputs):\n"
                            "        return 1.0 if abs(abs(got[0][0]) - expected[0][0]) < 1e-3 else 0.0\n")


def test_a_mutant_accepted_on_purpose_can_be_allowed(grader, write_problem):
    # scratch/chk.yaml: a checker accepting either sign of an eigenvector
    refused = failures(check_path(write_problem(CHECKER.format(id="q-1", expected="8.0")), grader))
    assert refused == [("mutants", "the reference's answer negated would be accepted on every test: add a test "
                        "where it differs, or tighten the tolerance; if the problem accepts it on purpose (a custom "
                        "checker), allow it: `mutants: {negated: allowed}`")]
    allowed = check_path(write_problem(CHECKER.format(id="q-2", expected="8.0") + "mutants: {negated: allowed}\n"),
                         grader)
    assert allowed.ok, failures(allowed)
    assert "mutant negated: allowed by `mutants:`, not checked" in allowed.details
    assert "mutant halved: rejected by test sample" in allowed.details


def test_tolerance_below_float32_noise_is_reported_once_with_a_value_that_passes(grader, write_problem):
    # m3-tight: 1e-12 on three generated tests printed three lines, each advising `mode: norm` (already on)
    text = """\
    id: tight
    title: t
    statement: s
    answer: {kind: function, name: g, args: [x], arg_type: tensor}
    tolerance: {atol: 1.0e-12, rtol: 1.0e-12}
    reference: |
      import torch
      def g(x):
          x = x.clone().requires_grad_(True)
          torch.exp(torch.sin(x)).sum().backward()
          return x.grad
    tests:
      - name: r
        generate: {count: 3, seed: 1, inputs: {x: {uniform: [-2.0, 2.0], shape: [4]}}}
    """
    path = write_problem(text)
    found = failures(check_path(path, grader))
    noise = [d for c, d in found if c == "float32"]
    assert len(noise) == 1, found
    assert noise[0].startswith(f"{path}:5: tolerance: tests r-1, r-2, r-3: g(x) in float32 is off by up to ")
    assert "loosen it: atol >= " in noise[0] and " or rtol >= " in noise[0] and noise[0].endswith(" passes")
    assert "mode: norm" not in noise[0]
    assert len([c for c, _ in found if c == "reference"]) == 1
    # the suggested rtol does pass
    rtol = noise[0].split("rtol >= ")[1].split()[0]
    fixed = check_path(write_problem(text.replace("id: tight", "id: tight2").replace(
        "{atol: 1.0e-12, rtol: 1.0e-12}", f"{{atol: 1.0e-12, rtol: {rtol}}}")), grader)
    assert not [c for c, _ in failures(fixed) if c == "float32"], failures(fixed)


FD_AT_ONLY = """\
id: {id}
title: t
statement: s
answer:
  kind: variables
  read: {{x: grad}}
reference: |
  import torch
  x = torch.tensor(float(inputs["x"]), requires_grad=True)
  y = x ** 2 + torch.exp(-{arg})
  y.backward()
gradient_of:
  f: |
    import torch
    def f(x):
        return x ** 2 + torch.exp(-x)
  at: {{{at}}}
  answers: [x]
tests:
  - name: at-one
    public: true
    inputs: {{x: 1.0}}
  - name: random
    generate: {{count: 3, seed: 3, inputs: {{x: {{uniform: [-3.0, -1.0]}}}}}}
"""


def test_finite_differences_run_at_every_test_not_only_at(grader, write_problem):
    # m21-fd-at-only: the reference is wrong only for negative x, and `at` is x = 1
    right = check_path(write_problem(FD_AT_ONLY.format(id="fd-1", arg="x", at="x: 1.0")), grader)
    assert right.ok, failures(right)
    assert "fd: checked at 4 points" in right.details
    wrong = failures(check_path(write_problem(FD_AT_ONLY.format(id="fd-2", arg="x.abs()", at="x: 1.0")), grader))
    assert [c for c, _ in wrong] == ["fd"], wrong
    assert wrong[0][1].startswith("test random-1: finite differences of gradient_of.f give ")
    assert wrong[0][1].endswith("the reference (or f) is wrong (and at 2 more points)")


def test_an_at_lacking_an_input_says_so(grader, write_problem):
    path = write_problem(FD_AT_ONLY.format(id="fd-3", arg="x", at="y: 1.0"))
    found = failures(check_path(path, grader))
    assert found == [("fd", f"{path}:17: gradient_of.at: lacks input 'x'; the reference runs with `at` as its "
                            "inputs, so `at` must give every input the reference reads (and f must take them all)")]


def test_a_reference_failing_on_inputs_names_the_test_its_line_and_the_shapes(grader, write_problem):
    text = """\
    id: shapes
    title: t
    statement: s
    answer: {kind: variables, read: {W: grad}}
    reference: |
      import torch
      X = torch.tensor(inputs["X"])
      W = torch.tensor(inputs["W"], requires_grad=True)
      ((X @ W) ** 2).sum().backward()
    tests:
      - name: sample
        public: true
        inputs:
          X: [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
          W: [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """
    (check, detail), = failures(check_path(write_problem(text), grader))
    assert check == "reference"
    assert detail.startswith("shapes: the reference solution failed on test 'sample' (line 11), "
                             "input shapes X (2, 3), W (2, 3): RE")
    assert detail.endswith("; fix the reference solution (or the test's inputs)")


def test_a_non_finite_reference_answer_names_the_generated_values(grader, write_problem):
    text = """\
    id: nan
    title: t
    statement: s
    answer: {kind: function, name: g, args: [x], arg_type: tensor}
    reference: |
      import torch
      def g(x):
          x = x.clone().requires_grad_(True)
          torch.sqrt(x).sum().backward()
          return x.grad
    tests:
      - name: r
        generate: {count: 4, seed: 2, inputs: {x: {uniform: [-1.0, 1.0], shape: [3]}}}
    """
    (check, detail), = failures(check_path(write_problem(text), grader))
    assert check == "reference"
    assert "failed on test 'r-1' (line 12), input shapes x (3,): g(x) is not finite; at x = [" in detail
    assert "(generated: x: uniform(-1, 1), shape (3,)): keep the inputs inside the function's domain" in detail
