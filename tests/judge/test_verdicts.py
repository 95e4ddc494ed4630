"""Verdict logic on scripted sandbox outcomes: every verdict, messages, hidden-test secrecy.

The runner here answers from a table instead of running code, so each sandbox status can be
forced (IE, SV ...) and the grading decisions are tested on their own.
"""
import json
import math

import numpy as np
import pytest

from judge.expected import ExpectedStore
from judge.grading.grade import Grader, Submission
from judge.problem import load_problem
from sandbox.job import Outcome, Status

from judge_helpers import QUADRATIC, ScriptedRunner, ok, without_gradient_of

TWO_TESTS = QUADRATIC.format(id="q-1", expected="8.0") + "  - name: hidden\n    stdin: '2'\n"


def grade(tmp_path, problem, student_outcome, reference=lambda job: ok("8.0"),
          source="import torch\nx = 1\nprint(x)\n"):
    def respond(job):
        return reference(job) if job.filename == "reference.py" else student_outcome(job)
    runner = ScriptedRunner(respond)
    grader = Grader(runner, ExpectedStore(runner, tmp_path / "cache"))
    return grader.grade(problem, Submission(source)), runner


@pytest.fixture
def quad(write_problem):
    return load_problem(write_problem(TWO_TESTS))


def test_ac(tmp_path, quad):
    report, _ = grade(tmp_path, quad, lambda job: ok("8.0\n"))
    assert report.verdict == "AC" and report.score == 100 and report.accepted
    assert [t.verdict for t in report.tests] == ["AC", "AC"]
    assert report.tests[0].time_ms == 3.0 and report.tests[0].memory_kib == 1000


def test_wa_public_shows_expected_and_got_with_diagnosis(tmp_path, quad):
    report, _ = grade(tmp_path, quad, lambda job: ok("-8.0"))
    assert report.verdict == "WA" and report.score == 0
    assert report.tests[0].message == "expected 8.0, got -8.0: the sign looks flipped"


def test_hidden_test_never_reveals_expected_values(tmp_path, quad):
    report, _ = grade(tmp_path, quad, lambda job: ok("16.0" if job.stdin else "8.0"))
    hidden = report.tests[1]
    assert report.verdict == "PA" and report.score == 50
    assert hidden.verdict == "WA" and "8" not in hidden.message
    assert hidden.message.startswith("wrong answer: the answer is 2x")


def test_unparseable_output_is_wa_with_the_token(tmp_path, quad):
    report, _ = grade(tmp_path, quad, lambda job: ok("x.grad: 8.0"))
    assert report.tests[0].verdict == "WA" and "'x.grad:' is not a number" in report.tests[0].message


def test_wrong_count_of_numbers(tmp_path, quad):
    report, _ = grade(tmp_path, quad, lambda job: ok("8.0 8.0"))
    assert report.tests[0].message == "expected 1 number, the program printed 2"


@pytest.mark.parametrize("status, words", [
    (Status.TLE, "time limit exceeded (2s of CPU time, 5s of real time)"),
    (Status.MLE, "memory limit exceeded (256 MiB)"),
    (Status.OLE, "output limit exceeded"),
    (Status.SV, "sandbox rule violated: blocked syscall socket"),
    (Status.IE, "internal error in the sandbox"),
])
def test_limit_and_sandbox_verdicts(tmp_path, quad, status, words):
    report, _ = grade(tmp_path, quad, lambda job: Outcome(status, error="blocked syscall socket"))
    assert report.verdict == status.value and report.tests[0].verdict == status.value
    assert words in report.tests[0].message


def test_re_shows_traceback_on_public_tests_and_only_the_type_on_hidden(tmp_path, quad):
    tb = ('Traceback (most recent call last):\n  File "submission.py", line 3, in <module>\n'
          "ValueError: secret input 0.123")
    report, _ = grade(tmp_path, quad, lambda job: Outcome(Status.RE, error=tb))
    assert report.verdict == "RE"
    assert report.tests[0].message == tb
    assert report.tests[1].message == "ValueError"  # a line could be chosen by the input


@pytest.mark.parametrize("error", [
    # the message forges a frame after the exception line
    'Traceback (most recent call last):\n  File "submission.py", line 3, in <module>\n'
    'ValueError: \n  File "x=[1.671524, 2.308186]", line 1671524, in <module>',
    # a made-up exception class whose name is the input
    'Traceback (most recent call last):\n  File "submission.py", line 3, in <module>\n'
    "X1671524: boom",
    # a real frame at a line number chosen by the input (compile() with padding)
    'Traceback (most recent call last):\n  File "submission.py", line 1671524, in <module>\n'
    "ValueError: boom",
    # a real frame in a file named after the input
    'Traceback (most recent call last):\n  File "x=1.671524", line 1, in <module>\n'
    "ValueError: boom",
    "exited with status 167\n",
])
def test_hidden_tests_name_nothing_the_program_chose(tmp_path, quad, error):
    report, _ = grade(tmp_path, quad, lambda job: Outcome(Status.RE, error=error))
    hidden = report.tests[1].message
    assert "167" not in hidden and "x=" not in hidden and "X1" not in hidden, hidden


def test_ce_is_a_verdict_for_the_whole_submission(tmp_path, quad):
    report, _ = grade(tmp_path, quad, lambda job: Outcome(Status.CE, error="SyntaxError: invalid syntax (line 2)"))
    assert report.verdict == "CE" and report.tests == [] and "line 2" in report.message


def test_broken_reference_is_ie_naming_the_test(tmp_path, quad):
    report, _ = grade(tmp_path, quad, lambda job: ok("8.0"),
                      reference=lambda job: Outcome(Status.RE, error="NameError: name 'x' is not defined"))
    assert report.verdict == "IE" and "reference solution failed on test 'sample'" in report.message


def test_expected_values_are_cached_on_disk(tmp_path, quad):
    grade(tmp_path, quad, lambda job: ok("8.0"))
    _, runner = grade(tmp_path, quad, lambda job: ok("8.0"))
    assert all(job.filename != "reference.py" for job in runner.jobs)
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 2                       # one per distinct (reference, stdin, inputs)
    assert all(json.loads(e.read_text())["answers"] == [["output", [1], [8.0]]] for e in entries)


def test_jobs_run_students_in_float32_and_references_in_float64(tmp_path, quad):
    _, runner = grade(tmp_path, quad, lambda job: ok("8.0"))
    dtypes = {job.filename: job.default_dtype for job in runner.jobs}
    assert dtypes == {"reference.py": "float64", "submission.py": "float32"}
    assert all(job.limits.cpu_time_s == 2.0 and job.limits.wall_time_s == 5.0 and job.limits.memory_mib == 256
               for job in runner.jobs)


VARIABLES = QUADRATIC.format(id="v-1", expected="8.0").replace(
    "answer:\n  kind: stdout\n", "answer:\n  kind: variables\n  read: {a: grad, b.grad: grad}\n").replace(
    "    expected: [8.0]\n", "")


def test_variables_read_grads_and_explain_none(tmp_path, write_problem):
    problem = load_problem(write_problem(VARIABLES))
    probes = {}

    def student(job):
        probes.update({p.name: p.expr for p in job.probes})
        return Outcome(Status.OK, values={"a": np.array(4104.0)},
                       probe_errors={"b.grad": "TypeError: expected a tensor or number, got NoneType"})
    report, _ = grade(tmp_path, problem, student,
                      reference=lambda job: ok(a=4104.0, **{"b.grad": 6156.0}))
    assert probes == {"a": "a.grad", "b.grad": "b.grad"}
    assert report.verdict == "WA"
    assert report.tests[0].message == "b.grad is None: did you call backward()? is requires_grad=True on b?"


def test_variables_literal_names_each_wrong_tensor(tmp_path, write_problem):
    problem = load_problem(write_problem(VARIABLES))
    report, _ = grade(tmp_path, problem, lambda job: ok(a=8.0, **{"b.grad": 6156.0}),
                      reference=lambda job: ok(a=4104.0, **{"b.grad": 6156.0}))
    assert report.tests[0].message == "a.grad: expected 4104.0, got 8.0"


FUNCTION = QUADRATIC.format(id="f-1", expected="8.0").replace(
    "answer:\n  kind: stdout\n", "answer:\n  kind: function\n  name: grad_f\n  args: [x]\n").replace(
    "    expected: [8.0]\n", "    inputs: {x: [[1.0, 2.0], [3.0, 5.0]]}\n")


def test_function_tensor_answers_show_worst_index(tmp_path, write_problem):
    problem = load_problem(write_problem(FUNCTION))
    ref = np.array([[1.0, 2.0], [3.0, 5.0]])
    report, runner = grade(tmp_path, problem, lambda job: ok(**{"return": ref.T}),
                           reference=lambda job: ok(**{"return": ref}))
    assert "(grad_f(__import__('torch').tensor(inputs['x'].tolist())))" in runner.jobs[0].probes[0].expr
    message = report.tests[0].message
    assert message.startswith("grad_f(x): worst entry [0, 1]: expected 2.0, got 3.0 (relative error 0.5, shape (2, 2))")
    assert message.endswith("the answer looks transposed")


def test_function_that_raises_is_re(tmp_path, write_problem):
    problem = load_problem(write_problem(FUNCTION))
    report, _ = grade(tmp_path, problem,
                      lambda job: Outcome(Status.OK, probe_errors={"return": "ZeroDivisionError: division by zero"}),
                      reference=lambda job: ok(**{"return": [1.0]}))
    assert report.verdict == "RE" and "ZeroDivisionError" in report.tests[0].message


MINIMIZE = without_gradient_of(QUADRATIC.format(id="m-1", expected="8.0").replace(
    "answer:\n  kind: stdout\n",
    "answer:\n  kind: minimize\n  point: x\n  partial: true\n  objective: |\n    def f(x):\n        return (x - 1) ** 2\n"
).replace("    expected: [8.0]\n", ""))


@pytest.mark.parametrize("f_student, grad, verdict, score", [
    (1e-7, 1e-4, "AC", 100.0),
    (1e-4, 1e-4, "PA", 25.0),           # gap 10x the tolerance 1e-5: a quarter
    (1e-3, 1e-4, "PA", 50 / 3),         # monotone: 100x the tolerance, a sixth
    (0.0, 0.5, "PA", 50.0),             # value fine but not stationary
])
def test_minimize_scores_by_value_gap_and_stationarity(tmp_path, write_problem, f_student, grad, verdict, score):
    problem = load_problem(write_problem(MINIMIZE))

    def student(job):
        if job.filename == "objective.py":
            assert job.default_dtype == "float64"
            np.testing.assert_array_equal(job.inputs["_student_point"], 1.01)
            return ok(f_student=f_student, grad_student=grad, f_reference=0.0)
        return ok(point=1.01)
    report, _ = grade(tmp_path, problem, student, reference=lambda job: ok(point=1.0))
    assert report.tests[0].verdict == verdict and report.tests[0].score == pytest.approx(score)
    assert report.verdict == verdict


def test_minimize_unique_requires_distance(tmp_path, write_problem):
    problem = load_problem(write_problem(MINIMIZE.replace("  partial: true\n", "  minimizer: unique\n")))

    def student(job):
        if job.filename == "objective.py":
            return ok(f_student=0.0, grad_student=0.0, f_reference=0.0)
        return ok(point=3.0)
    report, _ = grade(tmp_path, problem, student, reference=lambda job: ok(point=1.0))
    assert report.verdict == "WA" and "away from the minimiser" in report.tests[0].message


CHECKER = QUADRATIC.format(id="c-1", expected="8.0").replace(
    "  kind: stdout\n", "  kind: stdout\n  checker: |\n    def check(got, expected, inputs):\n"
                        "        print('close enough')\n        return 0.5\n")


def test_custom_checker_scores_and_its_message(tmp_path, write_problem):
    problem = load_problem(write_problem(CHECKER))

    def student(job):
        if job.filename == "checker.py":
            assert job.probes[0].expr == "check([inputs['_got0']], [inputs['_expected0']], {})"
            return Outcome(Status.OK, stdout="close enough\n", values={"score": np.array(0.5)})
        return ok("7.9")
    report, _ = grade(tmp_path, problem, student)
    assert report.tests[0].verdict == "PA" and report.score == 50 and report.tests[0].message == "close enough"


def test_json_report_has_the_contract_fields(tmp_path, quad):
    report, _ = grade(tmp_path, quad, lambda job: ok("-8.0"))
    data = report.to_json()
    assert {"problem", "verdict", "score", "max_score", "tests"} <= set(data)
    assert set(data["tests"][0]) >= {"name", "verdict", "score", "max_score", "time_ms", "memory_kib", "message"}


def test_a_crashing_sandbox_gives_ie_not_a_traceback(tmp_path, quad):
    def crash(job):
        raise OSError("zygote died")
    runner = ScriptedRunner(crash)
    report = Grader(runner, ExpectedStore(runner, tmp_path / "cache")).grade(quad, Submission("print(8.0)"))
    assert report.verdict == "IE" and "OSError: zygote died" in report.message


def test_hidden_tests_do_not_echo_what_the_program_printed_or_raised(tmp_path, write_problem, quad):
    report, _ = grade(tmp_path, quad, lambda job: ok("secret-0.123" if job.stdin else "8.0"))
    assert report.tests[1].message == ("could not read the output: print only the numbers "
                                       "asked for")
    problem = load_problem(write_problem(FUNCTION + "  - name: hidden\n    inputs: {x: 0.123}\n"))
    report, _ = grade(tmp_path, problem,
                      lambda job: Outcome(Status.OK, probe_errors={"return": "ValueError: x=0.123 (line 2)"}),
                      reference=lambda job: ok(**{"return": [1.0]}))
    assert report.verdict == "RE"
    assert report.tests[0].message == "grad_f(x): ValueError: x=0.123 (line 2)"
    assert report.tests[1].message == "grad_f raised ValueError"


def test_minimize_hidden_tests_give_no_numbers(tmp_path, write_problem):
    problem = load_problem(write_problem(MINIMIZE.replace("    public: true\n", "")))

    def student(job):
        if job.filename == "objective.py":
            return ok(f_student=0.5, grad_student=0.9, f_reference=0.0)
        return ok(point=1.7)
    report, _ = grade(tmp_path, problem, student, reference=lambda job: ok(point=1.0))
    message = report.tests[0].message
    assert message == "f at your point is above the minimum; not a stationary point yet; iterate longer or check the update's sign"
    assert report.verdict == "PA" and report.score == pytest.approx(50 / (1 + math.log10(0.5 / 1e-5)))


def test_a_compile_error_claimed_by_a_program_that_ran_is_sv(tmp_path, quad):
    """CE happens before anything runs, on every test: a CE on the hidden test only was forged
    by the program (to quote the hidden input in the report)."""
    calls = []

    def respond(job):  # the first run (the public test) passes, the hidden one claims CE
        calls.append(job)
        return ok("8.0") if len(calls) == 1 else Outcome(Status.CE, error="LEAK x=[1.67]")
    report, _ = grade(tmp_path, quad, respond)
    assert report.verdict != "CE" and all("LEAK" not in t.message for t in report.tests)
    assert report.tests[1].verdict == "SV"


def test_hidden_tests_report_coarse_time_and_memory(tmp_path, quad):
    report, _ = grade(tmp_path, quad, lambda job: Outcome(Status.OK, stdout="8.0\n",
                                                          time_ms=37.3, memory_kib=50312))
    public, hidden = report.tests
    assert public.time_ms == 37.3 and public.memory_kib == 50312
    assert hidden.time_ms == 100.0 and hidden.memory_kib == 65536


def test_hidden_diagnoses_quote_no_measured_factor_or_shape():
    from judge.grading.diagnose import diagnose
    from judge.problem import Tolerance

    tol = Tolerance()
    expected = np.array([1.0, 2.0])
    assert "about 2.67" in diagnose(expected * 2.6715, expected, tol)
    assert diagnose(expected * 2.6715, expected, tol, hidden=True) == ""
    assert "(0, 16715" in diagnose(np.zeros((0, 16715, 2404)), expected, tol)
    assert diagnose(np.zeros((0, 16715, 2404)), expected, tol, hidden=True) == (
        "the answer's shape is not the expected (2,)")
