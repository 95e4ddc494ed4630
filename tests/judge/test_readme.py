"""The README's problem files are what authors copy: each one must pass `judge check` as written."""
import re
from pathlib import Path

from click.testing import CliRunner

from judge.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_complete_problem_in_the_readme_passes_judge_check(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADJUDGE_CACHE", str(tmp_path / "cache"))
    blocks = re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    problems = {m.group(1): block for block in blocks if (m := re.match(r"id: (\S+)", block))}
    assert {"autograd-practice-1", "two-variables", "shifted-quadratic"} <= set(problems)
    bank = tmp_path / "problems"
    bank.mkdir()
    for problem_id, text in problems.items():
        (bank / f"{problem_id}.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--problems", str(bank), "check"])
    assert result.exit_code == 0, result.output
    assert f"{len(problems)}/{len(problems)} problems pass" in result.output
