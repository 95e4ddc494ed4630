"""Integration: the README's sample submission is accepted."""
from pathlib import Path

from click.testing import CliRunner

from judge.cli import main

BANK = Path(__file__).resolve().parents[2] / "problems"


def test_readme_sample_submission_is_accepted(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADJUDGE_CACHE", str(tmp_path / "cache"))
    example = BANK / "examples" / "autograd-practice-1.py"
    result = CliRunner().invoke(main, ["--problems", str(BANK), "submit", str(example), "-p", "autograd-practice-1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "autograd-practice-1: AC" in result.output
