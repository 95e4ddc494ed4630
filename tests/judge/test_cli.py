"""The `judge` command line through click's runner: exit codes, JSON, batch grading, authoring."""
import csv
import json

import pytest
from click.testing import CliRunner

from judge.cli import main

from judge_helpers import QUADRATIC

pytest.importorskip("sandbox")


@pytest.fixture
def bank(write_problem, tmp_path, monkeypatch):
    monkeypatch.setenv("GRADJUDGE_CACHE", str(tmp_path / "cache"))
    path = write_problem(QUADRATIC.format(id="autograd-practice-1", expected="8.0"))
    return path.parent


def judge(bank, *args):
    return CliRunner().invoke(main, ["--problems", str(bank), *args], catch_exceptions=False)


def test_problems_and_show(bank):
    listing = judge(bank, "problems")
    assert listing.exit_code == 0 and "autograd-practice-1" in listing.output and "100 pts" in listing.output
    shown = judge(bank, "show", "autograd-practice-1")
    assert shown.exit_code == 0 and "Print dy/dx" in shown.output and "sample" in shown.output


def test_unknown_problem_suggests_and_exits_2(bank, tmp_path):
    (tmp_path / "a.py").write_text("print(8.0)\n")
    result = judge(bank, "submit", str(tmp_path / "a.py"), "-p", "autograd-practise-1")
    assert result.exit_code == 2
    assert "no problem 'autograd-practise-1'; did you mean 'autograd-practice-1'?" in result.output


def test_missing_file_exits_2(bank, tmp_path):
    result = judge(bank, "submit", str(tmp_path / "nope.py"), "-p", "autograd-practice-1")
    assert result.exit_code == 2 and "nope.py: no such file" in result.output


def test_submit_json_and_exit_status(bank, tmp_path):
    good, bad = tmp_path / "good.py", tmp_path / "bad.py"
    good.write_text("print(8.0)\n")
    bad.write_text("print(-8.0)\n")
    ok = judge(bank, "submit", str(good), "-p", "autograd-practice-1", "--json")
    assert ok.exit_code == 0
    data = json.loads(ok.output)
    assert data["problem"] == "autograd-practice-1" and data["verdict"] == "AC" and data["score"] == 100
    assert data["tests"][0]["name"] == "sample" and data["tests"][0]["time_ms"] > 0
    no = judge(bank, "submit", str(bad), "-p", "autograd-practice-1")
    assert no.exit_code == 1 and "WA" in no.output and "expected 8.0, got -8.0: the sign looks flipped" in no.output


def test_submit_notebook(bank, tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": ["%time\n", "print(8.0)\n"]}], "nbformat": 4}
    path = tmp_path / "hw.ipynb"
    path.write_text(json.dumps(nb))
    result = judge(bank, "submit", str(path), "-p", "autograd-practice-1", "--json")
    assert result.exit_code == 0, result.output
    assert any("magic dropped" in n for n in json.loads(result.output)["notices"])


def test_run_shows_output_on_the_engine(bank, tmp_path):
    script = tmp_path / "s.py"
    script.write_text("import torch\nx = torch.tensor(3.0, requires_grad=True)\ny = x * x\ny.backward()\nprint(x.grad)\n")
    result = judge(bank, "run", str(script))
    assert result.exit_code == 0 and result.output.strip() == "tensor(6.)"


def test_grade_directory_writes_csv(bank, tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "alice.py").write_text("print(8.0)\n")
    (subs / "bob.py").write_text("print(7.0)\n")
    (subs / "carol.py").write_text("print(8.0\n")
    out = tmp_path / "scores.csv"
    result = judge(bank, "grade", str(subs), "-p", "autograd-practice-1", "--out", str(out), "--workers", "2",
                   "--insecure")   # CSV behaviour, on any machine
    assert result.exit_code == 0, result.output
    rows = {r["student"]: r for r in csv.DictReader(out.open())}
    assert rows["alice"]["verdict"] == "AC" and rows["alice"]["score"] == "100.00" and rows["alice"]["sample"] == "AC"
    assert rows["bob"]["verdict"] == "WA" and "expected 8.0, got 7.0" in rows["bob"]["message"]
    assert rows["carol"]["verdict"] == "CE"
    assert "3 submissions: AC 1, CE 1, WA 1" in result.output


def test_new_then_check_passes_and_a_broken_problem_fails(bank):
    created = judge(bank, "new", "my-problem")
    assert created.exit_code == 0 and (bank / "my-problem.yaml").exists()
    assert judge(bank, "new", "my-problem").exit_code == 2
    checked = judge(bank, "check", "my-problem")
    assert checked.exit_code == 0, checked.output
    broken = bank / "my-problem.yaml"
    broken.write_text(broken.read_text().replace("expected: [5.0, 14.0]", "expected: [5.0, 15.0]"))
    failed = judge(bank, "check", "my-problem")
    assert failed.exit_code == 1 and "literals:" in failed.output and "says [ 5. 15.]" in failed.output


def test_doctor_lists_layers(bank):
    result = judge(bank, "doctor")
    assert result.exit_code == 0 and result.output.strip()


def test_grade_refuses_without_strict_layers_unless_insecure(bank, tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "alice.py").write_text("print(8.0)\n")
    monkeypatch.setenv("GRADJUDGE_SANDBOX_DISABLE", "seccomp")
    out = tmp_path / "scores.csv"
    refused = judge(bank, "grade", str(subs), "-p", "autograd-practice-1", "--out", str(out))
    assert refused.exit_code == 2 and "seccomp" in refused.output and "--insecure" in refused.output
    assert not out.exists()
    allowed = judge(bank, "grade", str(subs), "-p", "autograd-practice-1", "--out", str(out), "--insecure")
    assert allowed.exit_code == 0 and "AC 1" in allowed.output
