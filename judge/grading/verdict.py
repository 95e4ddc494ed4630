"""Verdicts per test and overall, with scores, and the report `judge submit --json` prints."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

VERDICTS = ("AC", "WA", "PA", "TLE", "MLE", "OLE", "RE", "CE", "SV", "IE")
DESCRIPTIONS = {
    "AC": "accepted", "WA": "wrong answer", "PA": "partially accepted", "TLE": "time limit exceeded",
    "MLE": "memory limit exceeded", "OLE": "output limit exceeded", "RE": "runtime error",
    "CE": "compile error", "SV": "sandbox violation", "IE": "internal error",
}


@dataclass
class TestResult:
    name: str
    verdict: str
    score: float
    max_score: float
    time_ms: float = 0.0
    memory_kib: int = 0
    message: str = ""
    public: bool = False


@dataclass
class Report:
    problem: str
    verdict: str
    score: float
    max_score: float
    tests: list[TestResult] = field(default_factory=list)
    message: str = ""                                  # whole-submission message (CE, IE)
    isolation: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.verdict == "AC"

    def to_json(self) -> dict:
        data = asdict(self)
        data["score"] = round(self.score, 2)
        for test in data["tests"]:
            test["score"] = round(test["score"], 2)
            test["max_score"] = round(test["max_score"], 2)
            test["time_ms"] = round(test["time_ms"], 1)
        return data


def overall(problem_id: str, tests: list[TestResult], max_score: float) -> Report:
    """AC if every test is; else PA if anything scored; else the first failing test's verdict."""
    score = sum(t.score for t in tests)
    if all(t.verdict == "AC" for t in tests):
        verdict = "AC"
    elif score > 1e-9:
        verdict = "PA"
    else:
        verdict = next(t.verdict for t in tests if t.verdict != "AC")
    return Report(problem=problem_id, verdict=verdict, score=score, max_score=max_score, tests=tests)


def whole(problem_id: str, verdict: str, message: str, max_score: float) -> Report:
    """A verdict for the submission as a whole (CE, or IE when grading itself failed)."""
    return Report(problem=problem_id, verdict=verdict, score=0.0, max_score=max_score, message=message)
