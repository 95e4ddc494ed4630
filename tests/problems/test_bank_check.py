"""`judge check` proves the bank: the reference is accepted, float32 noise sits well under the
tolerance, finite differences and literal expected values agree with the reference, and every
listed wrong solution (and the generated mutants) is rejected. The report names each failing
problem and what to fix."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from judge.cli import main

BANK = Path(__file__).resolve().parents[2] / "problems"



def _check(targets: list[str]) -> str:
    result = CliRunner().invoke(main, ["--problems", str(BANK), "check", *targets])
    assert result.exit_code == 0, result.output
    return result.output


def test_judge_check_passes_on_the_whole_bank():
    output = _check([])
    count = len(list(BANK.glob("*.yaml")))
    assert count >= 25
    assert f"{count}/{count} problems pass" in output


def test_judge_check_rejects_the_handouts_wrong_values(tmp_path):
    # Seed 000's handout printed 8 and 12 and seed 002's claimed 5: written into the bank's own
    # problems, `judge check` must refuse them and point at the line.
    for problem_id, truth, handout in [
        ("seed-000-shared-coefficients", "expected: {a: 4104.0, b: 6156.0}", "expected: {a: 8.0, b: 12.0}"),
        ("seed-002-shifted-square-sum", "expected: {x: [[4.0, 4.0], [4.0, 4.0]]}",
         "expected: {x: [[5.0, 5.0], [5.0, 5.0]]}"),
    ]:
        text = (BANK / f"{problem_id}.yaml").read_text(encoding="utf-8")
        assert truth in text
        (tmp_path / f"{problem_id}.yaml").write_text(text.replace(truth, handout), encoding="utf-8")
    result = CliRunner().invoke(main, ["--problems", str(tmp_path), "check"])
    assert result.exit_code == 1
    assert "says 8 but the reference computes 4104" in result.output
    assert "says 12 but the reference computes 6156" in result.output
    assert "the reference computes [4. 4. 4. 4.]" in result.output
