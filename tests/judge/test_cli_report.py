"""The command line after the authoring audit: `judge new` never writes into the bundled bank,
`judge show` shows what students need, `judge run -p ID --test NAME`, `judge check -v`."""
import csv
import json

import pytest
from click.testing import CliRunner

from judge.cli import main
from judge.problem.bank import bundled_bank_dir

from judge_helpers import QUADRATIC

pytest.importorskip("sandbox")


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADJUDGE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("GRADJUDGE_PROBLEMS", raising=False)
    return tmp_path


def judge(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_new_without_a_bank_creates_problems_here_not_in_the_bundled_one(env, monkeypatch):
    course = env / "course"
    course.mkdir()
    monkeypatch.chdir(course)
    before = sorted(p.name for p in bundled_bank_dir().glob("*.yaml"))
    created = judge("new", "scalar-grad-points")
    assert created.exit_code == 0, created.output
    assert (course / "problems" / "scalar-grad-points.yaml").is_file()
    assert created.stdout.strip() == (f"wrote {course / 'problems' / 'scalar-grad-points.yaml'}; edit it, then run: "
                                      "judge check scalar-grad-points")
    assert sorted(p.name for p in bundled_bank_dir().glob("*.yaml")) == before
    shadow = judge("new", "autograd-practice-1")
    assert "note: the bundled bank also has a problem 'autograd-practice-1'" in shadow.stderr
    (course / "problems" / "autograd-practice-1.yaml").unlink()


def test_new_in_the_repository_refuses_the_bundled_bank_without_problems_option(env, monkeypatch):
    monkeypatch.chdir(bundled_bank_dir().parent)
    refused = judge("new", "never-written")
    assert refused.exit_code == 2 and "is the bundled bank" in refused.output
    assert not (bundled_bank_dir() / "never-written.yaml").exists()


def test_new_with_problems_option_hints_the_option(env):
    bank = env / "elsewhere"
    created = judge("--problems", str(bank), "new", "my-problem")
    assert created.exit_code == 0
    assert created.stdout.strip().endswith(f"then run: judge --problems {bank} check my-problem")


STDIN_PROBLEM = """\
id: stdin-grad
title: t
statement: Read a, b from stdin and print dh/da, dh/db for h = a * b.
statement_ja: 標準入力から a, b を読んでください。
answer: {kind: stdout}
reference: |
  import torch
  a, b = (torch.tensor(float(v), requires_grad=True) for v in input().split())
  (a * b).backward()
  print(a.grad.item(), b.grad.item())
tests:
  - name: sample
    public: true
    stdin: "2.0 3.0"
  - name: hidden
    stdin: "5.0 7.0"
"""

VARIABLES_PROBLEM = """\
id: vars-1
title: t
statement: s
answer: {kind: variables, read: {x: grad, y: value}}
reference: |
  import torch
  x = torch.tensor(inputs["x"], requires_grad=True)
  y = (x ** 2).sum()
  y.backward()
tests:
  - name: at-one
    public: true
    inputs: {x: [1.0, -2.0]}
  - name: gen
    public: true
    generate: {count: 5, seed: 1, inputs: {x: {integers: [1, 3], shape: [2]}}}
  - name: hidden
    inputs: {x: [5.0, 6.0]}
"""


def test_show_gives_stdin_the_reference_values_and_labels(env, write_problem):
    bank = write_problem(STDIN_PROBLEM).parent
    write_problem(VARIABLES_PROBLEM)
    shown = judge("--problems", str(bank), "show", "stdin-grad")
    assert shown.exit_code == 0
    assert 'public test sample: no inputs, stdin "2.0 3.0" -> [3, 2]' in shown.stdout
    assert "hidden test hidden: fixed inputs" in shown.stdout and "7" not in shown.stdout.split("hidden test")[1]
    shown = judge("--problems", str(bank), "show", "vars-1").stdout
    assert "public test at-one: x = [1.0, -2.0] -> x.grad = [2, -4], y = 5" in shown
    assert "public test gen: 5 cases; x: integers(1, 3), shape (2,)" in shown
    assert shown.count("  gen-") == 3 and "  gen-1: x = [" in shown


def test_show_displays_the_main_statement_and_notes_a_missing_language(env, write_problem):
    bank = write_problem(STDIN_PROBLEM).parent
    plain = judge("--problems", str(bank), "show", "stdin-grad")
    assert "Read a, b from stdin" in plain.stdout and not plain.stderr
    ja = judge("--problems", str(bank), "show", "stdin-grad", "--lang", "ja")
    assert "標準入力" in ja.stdout and "Read a, b" not in ja.stdout
    fr = judge("--problems", str(bank), "show", "stdin-grad", "--lang", "fr")
    assert fr.exit_code == 0 and "Read a, b from stdin" in fr.stdout
    assert "note: stdin-grad has no statement_fr; showing its main statement (translations: ja)" in fr.stderr


def test_run_with_a_problem_test_supplies_its_inputs_and_stdin(env, write_problem, tmp_path):
    bank = write_problem(STDIN_PROBLEM).parent
    write_problem(VARIABLES_PROBLEM)
    script = tmp_path / "s.py"
    script.write_text("import torch\nx = torch.tensor(inputs['x'], requires_grad=True)\ny = (x ** 2).sum()\n"
                      "y.backward()\nprint(x.grad.tolist())\n")
    result = judge("--problems", str(bank), "run", str(script), "-p", "vars-1", "--test", "at-one")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "[2.0, -4.0]"
    assert "the judge reads (test at-one): x.grad = [2, -4], y = 5" in result.stderr
    assert judge("--problems", str(bank), "run", str(script), "-p", "vars-1", "--test", "gen-2").exit_code == 0
    hidden = judge("--problems", str(bank), "run", str(script), "-p", "vars-1", "--test", "hidden")
    assert hidden.exit_code == 2 and "is hidden" in hidden.output
    echo = tmp_path / "echo.py"
    echo.write_text("print(input())\n")
    result = judge("--problems", str(bank), "run", str(echo), "-p", "stdin-grad")
    assert result.stdout.strip() == "2.0 3.0"


def test_check_verbose_lists_what_rejected_each_mutant_and_warnings(env, write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0")
    bank = write_problem(text).parent
    write_problem(text.replace("q-1", "q-2").replace("    expected: [8.0]\n", "")[:text.index("gradient_of:")]
                  + "tests:\n  - name: sample\n    public: true\n")
    result = judge("--problems", str(bank), "check", "-v")
    assert result.exit_code == 0, result.output
    assert "     mutant negated: rejected by test sample" in result.output
    assert "     wrong 'forgot the 2x term's factor': WA, first rejected by test sample (WA)" in result.output
    assert "     warning: independent: no gradient_of or expected" in result.output
    assert "2/2 problems pass" in result.output


def test_check_reports_every_schema_error(env, write_problem):
    text = QUADRATIC.format(id="q-1", expected="8.0").replace("    public: true", "    pubilc: true")
    bank = write_problem(text + "tolerence: {atol: 0.1}\n").parent
    result = judge("--problems", str(bank), "check")
    assert result.exit_code == 1
    assert result.output.count("schema:") == 2 and "pubilc" in result.output and "tolerence" in result.output


def test_grade_csv_is_sorted_by_student_and_tables_align_wide_names(env, write_problem, tmp_path):
    bank = write_problem(QUADRATIC.format(id="q-1", expected="8.0").replace("name: sample", "name: 例題")).parent
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "bob.py").write_text("print(8.0)\n")
    (subs / "Alice.py").write_text("print(8.0)\n")
    (subs / "carol.ipynb").write_text("not json")
    (subs / "aaron.py").write_text("print(7.0)\n")
    out = tmp_path / "scores.csv"
    result = judge("--problems", str(bank), "grade", str(subs), "-p", "q-1", "--out", str(out), "--insecure")
    assert result.exit_code == 0, result.output
    assert [r["student"] for r in csv.DictReader(out.open())] == ["Alice", "aaron", "bob", "carol"]
    good = tmp_path / "good.py"
    good.write_text("print(8.0)\n")
    table = judge("--problems", str(bank), "submit", str(good), "-p", "q-1").stdout.splitlines()[1]
    assert table.startswith("  例題  AC ")
    as_json = judge("--problems", str(bank), "submit", str(good), "-p", "q-1", "--json")
    assert json.loads(as_json.stdout)["verdict"] == "AC"
