"""Finding problems: a directory of `<id>.yaml` files, loaded lazily and cached by mtime."""
from __future__ import annotations

import difflib
import os
from pathlib import Path

from judge.problem.load import load_problem
from judge.problem.schema import Problem, ProblemError

# (path, mtime_ns, size) -> Problem; shared by every Bank in the process.
_CACHE: dict[tuple[str, int, int], Problem] = {}


def bundled_bank_dir() -> Path:
    """The repository's own bank (problems/ next to judge/)."""
    return Path(__file__).resolve().parents[2] / "problems"


def default_bank_dir() -> Path:
    """$GRADJUDGE_PROBLEMS, else ./problems when it exists, else the repository's problems/."""
    env = os.environ.get("GRADJUDGE_PROBLEMS")
    if env:
        return Path(env)
    local = Path.cwd() / "problems"
    if local.is_dir():
        return local
    return bundled_bank_dir()


class UnknownProblem(LookupError):
    pass


class Bank:
    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory is not None else default_bank_dir()
        self.given: str | None = None       # "option" (--problems) or "env" when chosen explicitly

    def ids(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        return sorted(p.stem for p in self.directory.glob("*.yaml"))

    def path_of(self, problem_id: str) -> Path:
        path = self.directory / f"{problem_id}.yaml"
        if path.is_file():
            return path
        close = difflib.get_close_matches(problem_id, self.ids(), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f" in {self.directory} (see `judge problems`)"
        raise UnknownProblem(f"no problem '{problem_id}'{hint}")

    def get(self, problem_id: str) -> Problem:
        return load_cached(self.path_of(problem_id))

    def load_all(self) -> tuple[list[Problem], list[ProblemError]]:
        """Every problem that loads, and the errors of those that do not."""
        problems, errors = [], []
        for pid in self.ids():
            try:
                problems.append(self.get(pid))
            except ProblemError as exc:
                errors.append(exc)
        return problems, errors


def load_cached(path: str | Path) -> Problem:
    path = Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        _CACHE[key] = load_problem(path)
    return _CACHE[key]
